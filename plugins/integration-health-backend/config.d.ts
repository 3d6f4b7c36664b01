import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  integrationHealth?: {
    sync?: {
      /**
       * When the catalog sync job runs. It runs on one replica at a time.
       * Defaults to every 30 minutes with a 10 minute timeout, first 15 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Entities read from the catalog per request. Defaults to 500.
       */
      pageSize?: number;
    };
    specs?: {
      /**
       * Largest API definition read and compared, in bytes. Larger ones are
       * reported on the sync run and not recorded. Defaults to 20 MB.
       */
      maxDocumentBytes?: number;
    };
  };
}
