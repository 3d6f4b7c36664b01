import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { IntegrationBrief } from '@integration-health/plugin-integration-health-common';
import { ReactNode, useId } from 'react';
import { formatDay } from '../Calendar/formatDay';
import { stateLabel } from '../Calendar/StateBadge';
import { Sparkline } from '../Sparkline';
import styles from './Brief.module.css';
import { safeHref } from './briefWindow';

type Incident = IntegrationBrief['incidents'][number];
type Change = IntegrationBrief['breakingChanges'][number];
type Consumer = Change['consumers'][number];

const refName = (ref: string) => {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
};

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${Math.abs(count) === 1 ? one : many}`;

function MaybeLink(props: { href?: string; children: ReactNode }) {
  const href = safeHref(props.href);
  return href ? (
    <Link href={href}>{props.children}</Link>
  ) : (
    <>{props.children}</>
  );
}

function Section(props: {
  title: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Flex direction="column" gap="2">
        <Text as="h4" variant="title-x-small" id={headingId}>
          {props.title}
        </Text>
        {props.count === 0 ? (
          <Text as="p" variant="body-small" color="secondary">
            {props.empty}
          </Text>
        ) : (
          props.children
        )}
      </Flex>
    </section>
  );
}

function durationText(incident: Incident): string | undefined {
  if (incident.impact.durationMinutes !== undefined) {
    return `${incident.impact.durationMinutes} min`;
  }
  if (!incident.resolvedAt) return undefined;
  const minutes = Math.round(
    (Date.parse(incident.resolvedAt) - Date.parse(incident.occurredAt)) /
      60_000,
  );
  return Number.isFinite(minutes) ? `${minutes} min` : undefined;
}

function impactText(incident: Incident): string {
  const { affectedTransactions, money, description } = incident.impact;
  const parts = [
    affectedTransactions !== undefined &&
      `${affectedTransactions.toLocaleString('en')} transactions`,
    money &&
      `${money.currency} ${money.amount.toLocaleString('en', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      })}`,
    description,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Not recorded';
}

function triggerText(incident: Incident): string {
  const { trigger } = incident;
  if (!trigger) return 'Not recorded';
  const parts = [
    trigger.calendarEntryTitle && `Calendar: ${trigger.calendarEntryTitle}`,
    trigger.apiRef && refName(trigger.apiRef),
    trigger.specVersion && `spec version ${trigger.specVersion}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Not recorded';
}

function scoresBeforeText(incident: Incident): string {
  const before = incident.scoresBefore;
  if (!before) return 'No scores recorded';
  return `${before.day}: contract ${before.contract ?? 'unknown'}, mocks ${
    before.mock ?? 'unknown'
  }`;
}

function acknowledgementText(consumer: Consumer): string {
  const parts = [stateLabel(consumer.state)];
  if (consumer.acknowledgedAt) {
    parts.push(`on ${formatDay(consumer.acknowledgedAt)}`);
  }
  const days = consumer.acknowledgedDaysBefore;
  if (days !== undefined) {
    if (days > 0) parts.push(`${plural(days, 'day')} before the date`);
    else if (days < 0) parts.push(`${plural(-days, 'day')} after the date`);
    else parts.push('on the date');
  }
  return parts.join(', ');
}

function Integrations({ brief }: { brief: IntegrationBrief }) {
  return (
    <Section
      title="Integrations"
      empty="No integrations between these subjects."
      count={brief.integrations.length}
    >
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption>
            <Text variant="body-small" color="secondary">
              Each consumer and provider with their owners
            </Text>
          </caption>
          <thead>
            <tr>
              <th scope="col">Consumer → provider</th>
              <th scope="col">Kind</th>
              <th scope="col">Consumer owner</th>
              <th scope="col">Provider owner</th>
              <th scope="col">Accountable owner</th>
            </tr>
          </thead>
          <tbody>
            {brief.integrations.map(i => (
              <tr key={i.id}>
                <th scope="row">
                  <MaybeLink href={i.link}>
                    {refName(i.consumerRef)} → {refName(i.providerRef)}
                  </MaybeLink>
                  {i.apiRef && (
                    <Text as="div" variant="body-x-small" color="secondary">
                      via {refName(i.apiRef)}
                    </Text>
                  )}
                </th>
                <td>{i.kind}</td>
                <td>
                  {i.consumerOwnerRef ? (
                    <EntityRefLink entityRef={i.consumerOwnerRef} />
                  ) : (
                    'Not declared'
                  )}
                </td>
                <td>
                  {i.providerOwnerRef ? (
                    <EntityRefLink entityRef={i.providerOwnerRef} />
                  ) : (
                    'Not declared'
                  )}
                </td>
                <td>
                  {i.accountableOwnerRef ? (
                    <EntityRefLink entityRef={i.accountableOwnerRef} />
                  ) : (
                    'Not assigned'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Incidents(props: {
  brief: IntegrationBrief;
  label: (integrationId: string) => string;
}) {
  const { brief, label } = props;
  return (
    <Section
      title="Incidents"
      empty="No incidents recorded in this window."
      count={brief.incidents.length}
    >
      <ul className={styles.plain}>
        {brief.incidents.map(incident => (
          <li key={incident.id}>
            <article aria-label={incident.title}>
              <Text as="h5" variant="body-medium" weight="bold">
                {incident.title}
              </Text>
              <Text as="p" variant="body-small" color="secondary">
                {label(incident.integrationId)}
              </Text>
              <dl className={styles.details}>
                <dt>When</dt>
                <dd>
                  {when(incident.occurredAt)}
                  {incident.resolvedAt
                    ? ` until ${when(incident.resolvedAt)}`
                    : ' · not resolved'}
                </dd>
                <dt>Duration</dt>
                <dd>{durationText(incident) ?? 'Not recorded'}</dd>
                <dt>Impact</dt>
                <dd>{impactText(incident)}</dd>
                <dt>Trigger</dt>
                <dd>{triggerText(incident)}</dd>
                <dt>Out of sync</dt>
                <dd>
                  {incident.outOfSync ? (
                    <MaybeLink href={incident.outOfSync.url}>
                      {incident.outOfSync.kind === 'mock' ? 'Mock' : 'Contract'}
                      {incident.outOfSync.description
                        ? `: ${incident.outOfSync.description}`
                        : ''}
                    </MaybeLink>
                  ) : (
                    'Nothing recorded'
                  )}
                </dd>
                <dt>Scores the day before</dt>
                <dd>{scoresBeforeText(incident)}</dd>
                {incident.postmortemUrls.length > 0 && (
                  <>
                    <dt>Post-mortems</dt>
                    <dd>
                      <ul className={styles.plain}>
                        {incident.postmortemUrls.map(url => (
                          <li key={url}>
                            <MaybeLink href={url}>{url}</MaybeLink>
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                )}
              </dl>
            </article>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function BreakingChanges({ brief }: { brief: IntegrationBrief }) {
  return (
    <Section
      title="Breaking changes"
      empty="No breaking changes in this window."
      count={brief.breakingChanges.length}
    >
      <ul className={styles.plain}>
        {brief.breakingChanges.map(change => (
          <li key={change.entryId}>
            <article aria-label={change.title}>
              <Text as="h5" variant="body-medium" weight="bold">
                <MaybeLink href={change.link}>{change.title}</MaybeLink>
              </Text>
              <Text as="p" variant="body-small">
                {refName(change.apiRef)} ·{' '}
                {change.origin === 'announced' ? 'Announced' : 'Detected'} on{' '}
                {formatDay(change.createdAt)} · effective{' '}
                {formatDay(change.effectiveAt)} · notice:{' '}
                {plural(change.noticeDays, 'day')}
              </Text>
              {change.consumers.length > 0 && (
                <div className={styles.scroll}>
                  <table className={styles.table}>
                    <caption>
                      <Text variant="body-small" color="secondary">
                        Consumers of {change.title}
                      </Text>
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Consumer</th>
                        <th scope="col">Acknowledgement</th>
                      </tr>
                    </thead>
                    <tbody>
                      {change.consumers.map(consumer => (
                        <tr key={consumer.consumerRef}>
                          <th scope="row">{refName(consumer.consumerRef)}</th>
                          <td>{acknowledgementText(consumer)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ScoreTimeline(props: {
  brief: IntegrationBrief;
  label: (integrationId: string) => string;
}) {
  const { brief, label } = props;
  const range = (values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    if (known.length === 0) return 'no values';
    return known.length === 1
      ? String(known[0])
      : `${known[0]} → ${known[known.length - 1]}`;
  };
  return (
    <Section
      title="Score timeline"
      empty="No daily scores recorded in this window."
      count={brief.scoreTimeline.length}
    >
      <div className={styles.scroll}>
        <table className={styles.table}>
          <caption>
            <Text variant="body-small" color="secondary">
              Daily contract and mock freshness, oldest first
            </Text>
          </caption>
          <thead>
            <tr>
              <th scope="col">Integration</th>
              <th scope="col">Days</th>
              <th scope="col">Contract</th>
              <th scope="col">Mocks</th>
            </tr>
          </thead>
          <tbody>
            {brief.scoreTimeline.map(line => {
              const contract = line.days.map(d => d.contract);
              const mock = line.days.map(d => d.mock);
              return (
                <tr key={line.integrationId}>
                  <th scope="row">{label(line.integrationId)}</th>
                  <td>{line.days.length}</td>
                  <td>
                    <span className={styles.trend}>
                      <Sparkline values={contract} label="Contract" />
                      <span aria-hidden>{range(contract)}</span>
                    </span>
                  </td>
                  <td>
                    <span className={styles.trend}>
                      <Sparkline values={mock} label="Mocks" />
                      <span aria-hidden>{range(mock)}</span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function OpenFindings(props: {
  brief: IntegrationBrief;
  label: (integrationId: string) => string;
}) {
  const { brief, label } = props;
  return (
    <Section
      title="Open findings"
      empty="No open findings."
      count={brief.openFindings.length}
    >
      <ul className={styles.list}>
        {brief.openFindings.map(finding => (
          <li key={`${finding.integrationId}/${finding.id}`}>
            <Text variant="body-small">
              {label(finding.integrationId)} · {finding.level}:{' '}
              {finding.message}
            </Text>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Facts({ brief }: { brief: IntegrationBrief }) {
  return (
    <Section
      title="Facts and sources"
      empty="No facts in this window."
      count={brief.facts.length}
    >
      <ol className={styles.list} aria-label="Facts">
        {brief.facts.map((fact, index) => (
          <li key={index}>
            <Text variant="body-small">{fact.text} </Text>
            <Text variant="body-x-small" color="secondary">
              (Source: <MaybeLink href={fact.link}>{fact.source}</MaybeLink>)
            </Text>
          </li>
        ))}
      </ol>
    </Section>
  );
}

/**
 * A brief as a reader sees it before downloading it: its title and window,
 * then integrations, incidents, breaking changes, scores, open findings and
 * the facts with their sources.
 */
export function BriefPreview({ brief }: { brief: IntegrationBrief }) {
  const labels = new Map(
    brief.integrations.map(i => [
      i.id,
      `${refName(i.consumerRef)} → ${refName(i.providerRef)}`,
    ]),
  );
  const label = (integrationId: string) =>
    labels.get(integrationId) ?? integrationId;
  const titleId = useId();
  return (
    <article aria-labelledby={titleId}>
      <Flex direction="column" gap="4">
        <div>
          <Text as="h3" variant="title-small" id={titleId}>
            {brief.title}
          </Text>
          <Text as="p" variant="body-small" color="secondary">
            {formatDay(brief.from)} to {formatDay(brief.to)} · generated{' '}
            {when(brief.generatedAt)}
          </Text>
        </div>
        <Integrations brief={brief} />
        <Incidents brief={brief} label={label} />
        <BreakingChanges brief={brief} />
        <ScoreTimeline brief={brief} label={label} />
        <OpenFindings brief={brief} label={label} />
        <Facts brief={brief} />
      </Flex>
    </article>
  );
}
