import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { IntegrationBrief } from '@integration-health/plugin-integration-health-common';
import { ReactNode, useId } from 'react';
import { formatDay } from '../Calendar/formatDay';
import { formatMinute, formatMoney } from '../Incidents/formatIncident';
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

/** A scrolling table with its caption and column headings; rows as children. */
function CaptionedTable(props: {
  caption: ReactNode;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <div className={styles.scroll}>
      <table className={styles.table}>
        <caption>
          <Text variant="body-small" color="secondary">
            {props.caption}
          </Text>
        </caption>
        <thead>
          <tr>
            {props.columns.map(column => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
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
    money && formatMoney(money.currency, money.amount),
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
      <CaptionedTable
        caption="Each consumer and provider with their owners"
        columns={[
          'Consumer → provider',
          'Kind',
          'Consumer owner',
          'Provider owner',
          'Accountable owner',
        ]}
      >
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
      </CaptionedTable>
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
                  {formatMinute(incident.occurredAt)}
                  {incident.resolvedAt
                    ? ` until ${formatMinute(incident.resolvedAt)}`
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
                <CaptionedTable
                  caption={<>Consumers of {change.title}</>}
                  columns={['Consumer', 'Acknowledgement']}
                >
                  {change.consumers.map(consumer => (
                    <tr key={consumer.consumerRef}>
                      <th scope="row">{refName(consumer.consumerRef)}</th>
                      <td>{acknowledgementText(consumer)}</td>
                    </tr>
                  ))}
                </CaptionedTable>
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
      <CaptionedTable
        caption="Daily contract and mock freshness, oldest first"
        columns={['Integration', 'Days', 'Contract', 'Mocks']}
      >
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
      </CaptionedTable>
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
            {formatMinute(brief.generatedAt)}
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
