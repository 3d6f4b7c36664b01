/**
 * Pieces the benchmark and the load test share: a scheduler whose tasks the
 * script runs itself, and how latencies are summarized.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

export const round = (value: number, digits = 2) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A scheduler that keeps the plugin's tasks for the benchmark to run, so
 * that each sync is timed alone.
 */
export function heldTasks() {
  const tasks = new Map<string, () => Promise<void>>();
  const scheduler = {
    async scheduleTask(
      task: SchedulerServiceTaskScheduleDefinition & {
        id: string;
        fn: (signal: AbortSignal) => void | Promise<void>;
      },
    ) {
      tasks.set(task.id, async () => task.fn(new AbortController().signal));
    },
    async triggerTask() {},
    async getScheduledTasks() {
      return [];
    },
    createScheduledTaskRunner() {
      throw new Error('not used by the plugin');
    },
  } as unknown as SchedulerService;
  return {
    factory: createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    }),
    run(id: string) {
      const task = tasks.get(id);
      if (!task) throw new Error(`The plugin scheduled no task ${id}`);
      return task();
    },
  };
}
