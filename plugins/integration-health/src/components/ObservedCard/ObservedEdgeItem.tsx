import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { ObservedEdge } from '@integration-health/plugin-integration-health-common';
import { formatRelativeTime } from '../EntityIntegrationsContent/formatRelativeTime';
import {
  edgeVerb,
  formatCalls,
  formatFailureRate,
  formatLatency,
} from './describeEdge';
import styles from './ObservedCard.module.css';
import { ObservedStatusBadge } from './ObservedStatusBadge';
import { SnippetBlock } from './SnippetBlock';

/** A time as "3 hours ago", the exact time one hover away. */
function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {formatRelativeTime(iso)}
    </time>
  );
}

function Counterpart({ edge }: { edge: ObservedEdge }) {
  if (edge.counterpartRef) {
    return <EntityRefLink entityRef={edge.counterpartRef} />;
  }
  return (
    <>
      <code>{edge.counterpartName}</code> (name in telemetry)
    </>
  );
}

/** Calls, failures, latency, when and by which sources, as far as known. */
function Measures({ edge }: { edge: ObservedEdge }) {
  const parts = [
    <span key="calls">
      {edge.calls === 0 && edge.sources.length === 0
        ? 'no traffic seen'
        : formatCalls(edge.calls)}
    </span>,
  ];
  if (edge.failureRate !== undefined) {
    parts.push(
      <span key="failed">{formatFailureRate(edge.failureRate)} failed</span>,
    );
  }
  if (edge.p95LatencyMs !== undefined) {
    parts.push(<span key="p95">p95 {formatLatency(edge.p95LatencyMs)}</span>);
  }
  parts.push(
    <span key="last">
      last seen {edge.lastSeenAt ? <When iso={edge.lastSeenAt} /> : 'never'}
    </span>,
  );
  if (edge.sources.length > 0) {
    parts.push(<span key="sources">seen by {edge.sources.join(', ')}</span>);
  }
  return (
    <Text as="div" variant="body-x-small" color="secondary">
      {parts.map((part, index) => (
        <span key={part.key}>
          {index > 0 && ' · '}
          {part}
        </span>
      ))}
    </Text>
  );
}

/** One edge: its status, what the entity does with whom, the numbers, why. */
export function ObservedEdgeItem({ edge }: { edge: ObservedEdge }) {
  const verb = edgeVerb(edge);
  return (
    <li className={styles.item}>
      <Flex direction="column" gap="1">
        <Flex gap="2" align="baseline">
          <ObservedStatusBadge status={edge.status} />
          <Text variant="body-small">
            {verb[0].toLocaleUpperCase('en-US')}
            {verb.slice(1)} <Counterpart edge={edge} />
          </Text>
        </Flex>
        <Measures edge={edge} />
        <Text as="div" variant="body-small">
          {edge.reason}
        </Text>
        {edge.suggestedSnippet && (
          <SnippetBlock
            snippet={edge.suggestedSnippet}
            about={edge.counterpartRef ?? edge.counterpartName ?? ''}
          />
        )}
      </Flex>
    </li>
  );
}
