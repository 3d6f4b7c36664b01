import { Text } from '@backstage/ui';
import { SyncRunSummary } from '@integration-health/plugin-integration-health-common';
import { formatRelativeTime } from './formatRelativeTime';

export function SyncStatus({ lastSync }: { lastSync?: SyncRunSummary }) {
  if (!lastSync?.finishedAt) {
    return (
      <Text variant="body-small" color="secondary">
        Not synced yet: the sync job reads the catalog shortly after the backend
        starts, then on its schedule.
      </Text>
    );
  }
  return (
    <Text variant="body-small" color="secondary">
      <span title={new Date(lastSync.finishedAt).toLocaleString()}>
        Last synced {formatRelativeTime(lastSync.finishedAt)}
      </span>
    </Text>
  );
}
