import { SyncRunStepTimes } from '@integration-health/plugin-integration-health-common';

/** Times the steps of a sync run, one after another, in milliseconds. */
export class StepTimer {
  readonly ms: SyncRunStepTimes = {};
  private last = performance.now();

  /** Ends the step that began when the one before it ended. */
  end(step: keyof SyncRunStepTimes): void {
    const now = performance.now();
    this.ms[step] = Math.round((this.ms[step] ?? 0) + (now - this.last));
    this.last = now;
  }
}
