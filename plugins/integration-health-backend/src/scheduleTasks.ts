import {
  DatabaseService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { IntegrationHealthTask } from './buildIntegrationHealthContext';
import { retryStartupRace, withStartupLock } from './database/retryStartupRace';

/**
 * Schedules the plugin's tasks in global scope (one run at a time across
 * replicas). Replicas starting together take turns: the scheduler migrates
 * its tables on the first task and would keep a lost race as a failure.
 */
export async function scheduleTasks(options: {
  scheduler: SchedulerService;
  database: DatabaseService;
  tasks: IntegrationHealthTask[];
}): Promise<void> {
  const { scheduler, database, tasks } = options;
  await withStartupLock(await database.getClient(), async () => {
    for (const task of tasks) {
      await retryStartupRace(() =>
        scheduler.scheduleTask({ ...task, scope: 'global' }),
      );
    }
  });
}
