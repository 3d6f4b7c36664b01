import { Alert, Flex } from '@backstage/ui';
import { EvidenceSourceStatus } from '@integration-health/plugin-integration-health-common';
import { formatRelativeTime } from '../EntityIntegrationsContent/formatRelativeTime';

/**
 * The observation sources whose last attempt failed: what they saw before is
 * still shown, so a reader must know it may be out of date.
 */
export function StaleObservationSources(props: {
  sources: EvidenceSourceStatus[];
}) {
  const stale = props.sources.filter(s => s.stale);
  if (stale.length === 0) return null;
  return (
    <Flex direction="column" gap="2">
      {stale.map(source => (
        <Alert
          key={source.source}
          status="warning"
          title={`Source ${source.source} is stale: ${
            source.lastSuccessAt
              ? `last success ${formatRelativeTime(source.lastSuccessAt)}`
              : 'it has never answered in full'
          }`}
          description={`Its last attempt ${formatRelativeTime(
            source.lastAttemptAt,
          )} failed${
            source.lastError ? `: ${source.lastError}` : ''
          }. What it saw before is kept.`}
        />
      ))}
    </Flex>
  );
}
