import { useApi } from '@backstage/core-plugin-api';
import { Alert, Flex } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { integrationHealthApiRef } from '../../api';
import { formatRelativeTime } from './formatRelativeTime';

/**
 * Says which evidence sources failed on their last attempt, and why: the
 * scores still use what those sources gave before, so a reader must know it
 * may be out of date. Shows nothing when every source is fresh, or when the
 * list cannot be read (the scores themselves are still right).
 */
export function StaleSourcesAlert() {
  const api = useApi(integrationHealthApiRef);
  const { value } = useAsync(() => api.getEvidenceSources(), [api]);
  const stale = (value ?? []).filter(s => s.stale);
  if (stale.length === 0) return null;
  return (
    <Flex direction="column" gap="2">
      {stale.map(source => (
        <Alert
          key={source.source}
          status="warning"
          title={`Evidence source ${source.source} is stale`}
          description={`Its last attempt ${formatRelativeTime(
            source.lastAttemptAt,
          )} failed: ${source.lastError}. Scores use its evidence from ${
            source.lastSuccessAt
              ? formatRelativeTime(source.lastSuccessAt)
              : 'before (it has never answered in full)'
          }.`}
        />
      ))}
    </Flex>
  );
}
