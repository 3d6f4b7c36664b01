import {
  Dialog,
  DialogBody,
  DialogHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import { useState } from 'react';
import styles from './ScoreBadge.module.css';
import { isHttpUrl } from '../ExternalLink/isHttpUrl';
import { scoreBand, ScoreBandIcon, SCORE_BAND_LABELS } from './scoreBand';
import { readable } from '../Readable';

/** The colour band of a score: good from 80, fair from 50, poor below, grey when unknown. */
export function scoreBandClass(value: number | undefined): string {
  return styles[scoreBand(value)];
}

function ExplanationBody({ score }: { score: ScoreExplanation }) {
  const inputs = Object.entries(score.inputs).filter(
    ([, value]) => value !== undefined && value !== '',
  );
  return (
    <Flex direction="column" gap="3">
      <Text as="p" variant="body-medium">
        {score.summary}.
      </Text>
      <Text as="p" variant="body-small" color="secondary">
        Tier: {score.tier}
        {score.evidenceAgeDays !== undefined &&
          ` · newest evidence ${score.evidenceAgeDays} days old`}
      </Text>
      {score.adjustments.length > 0 && (
        <div>
          <Text as="h4" variant="title-x-small">
            Deductions and caps
          </Text>
          <ul className={styles.list}>
            {score.adjustments.map(a => (
              <li key={a.reason}>
                <Text variant="body-small">
                  {a.points !== undefined && `−${a.points}: `}
                  {a.cap !== undefined && `capped at ${a.cap}: `}
                  {a.reason}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Text as="h4" variant="title-x-small">
          Evidence
        </Text>
        {score.evidence.length === 0 ? (
          <Text variant="body-small" color="secondary">
            None yet.
          </Text>
        ) : (
          <ul className={styles.list}>
            {score.evidence.map(e => (
              <li key={`${e.source}-${e.label}`}>
                <Text variant="body-small">
                  {isHttpUrl(e.url) ? (
                    <Link href={e.url}>{e.label}</Link>
                  ) : (
                    e.label
                  )}{' '}
                  ({e.source}
                  {e.at && `, ${e.at.slice(0, 10)}`})
                </Text>
              </li>
            ))}
          </ul>
        )}
      </div>
      {inputs.length > 0 && (
        <div>
          <Text as="h4" variant="title-x-small">
            Inputs
          </Text>
          <ul className={styles.list}>
            {inputs.map(([key, value]) => (
              <li key={key}>
                <Text variant="body-small">
                  {key}: {String(value)}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Flex>
  );
}

/**
 * A score (or "unknown") that opens its explanation: what was checked,
 * against which version, when, and what failed.
 */
export function ScoreBadge(props: { title: string; score?: ScoreExplanation }) {
  const [open, setOpen] = useState(false);
  const value = props.score?.value;
  const label = value === undefined ? 'unknown' : String(value);
  const band = scoreBand(value);
  const spoken =
    band === 'unknown' ? label : `${label}, ${SCORE_BAND_LABELS[band]}`;
  return (
    <>
      <button
        type="button"
        className={`${styles.badge} ${scoreBandClass(value)}`}
        aria-label={`${props.title}: ${spoken}. Show why`}
        title={props.score?.summary}
        onClick={() => setOpen(true)}
      >
        <ScoreBandIcon band={band} />
        {label}
      </button>
      {open && (
        <Dialog
          className={readable}
          isOpen
          onOpenChange={isOpen => !isOpen && setOpen(false)}
          width={560}
        >
          <DialogHeader>
            {props.title}: {label}
          </DialogHeader>
          <DialogBody>
            {props.score ? (
              <ExplanationBody score={props.score} />
            ) : (
              <Text as="p">
                Unknown: no evidence has been seen for this integration yet.
                Contract verifications come from a Pact Broker or are pushed
                from CI; mocks from the consumer&apos;s mock files.
              </Text>
            )}
          </DialogBody>
        </Dialog>
      )}
    </>
  );
}
