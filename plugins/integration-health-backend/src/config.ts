import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export type SyncConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  pageSize: number;
  maxDocumentBytes: number;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

export function readSyncConfig(config: Config): SyncConfig {
  const sync = config.getOptionalConfig('integrationHealth.sync');
  const schedule = sync?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        sync.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const pageSize = sync?.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000) {
    throw new InputError(
      `integrationHealth.sync.pageSize must be an integer from 1 to 10000, got ${pageSize}`,
    );
  }
  const maxDocumentBytes =
    config.getOptionalNumber('integrationHealth.specs.maxDocumentBytes') ??
    20 * 1024 * 1024;
  if (!Number.isInteger(maxDocumentBytes) || maxDocumentBytes < 1) {
    throw new InputError(
      `integrationHealth.specs.maxDocumentBytes must be a positive integer, got ${maxDocumentBytes}`,
    );
  }
  return { schedule, pageSize, maxDocumentBytes };
}
