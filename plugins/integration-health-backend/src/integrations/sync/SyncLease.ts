import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { SyncLeaseState, SyncRunStore } from '../SyncRunStore';

/** Thrown before a write when the run no longer holds the sync lease. */
export class SyncLeaseLostError extends Error {
  constructor() {
    super(
      'Stopped: this run held the sync lease too long without renewing it and another run took it over, so it applied nothing further',
    );
    this.name = 'SyncLeaseLostError';
  }
}

type LeaseStore = Pick<
  SyncRunStore,
  'acquireLease' | 'renewLease' | 'releaseLease'
>;

/**
 * The sync lease one run holds: renewed in the background while the run
 * goes on, checked before each write, released at the end. The scheduler
 * starts the next run once a run exceeds its timeout, even when that run is
 * still going (here or in another process); the lease is what keeps them
 * from overlapping.
 */
export class SyncLease {
  private lost = false;
  private released = false;
  private renewing?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  /** The lease for a new run, or who holds it now. */
  static async acquire(options: {
    store: LeaseStore;
    ttlMs: number;
    logger: LoggerService;
  }): Promise<SyncLease | { heldBy: SyncLeaseState }> {
    const holder = randomUUID();
    const result = await options.store.acquireLease(
      holder,
      new Date(),
      options.ttlMs,
    );
    return result.acquired
      ? new SyncLease(holder, options)
      : { heldBy: result.heldBy };
  }

  private constructor(
    readonly holder: string,
    private readonly options: {
      store: LeaseStore;
      ttlMs: number;
      logger: LoggerService;
    },
  ) {
    this.timer = setInterval(() => {
      this.renewing ??= this.renew().finally(() => {
        this.renewing = undefined;
      });
    }, Math.max(options.ttlMs / 3, 100));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (this.lost || this.released) return;
    try {
      const { store, ttlMs } = this.options;
      if (!(await store.renewLease(this.holder, new Date(), ttlMs))) {
        this.lost = true;
      }
    } catch (error) {
      // The next renewal or check tries again; until the lease expires it is ours.
      this.options.logger.warn(`Could not renew the sync lease: ${error}`);
    }
  }

  /** Renews the lease now, or throws SyncLeaseLostError when another run has it. */
  async check(): Promise<void> {
    if (!this.lost) {
      const { store, ttlMs } = this.options;
      this.lost = !(await store.renewLease(this.holder, new Date(), ttlMs));
    }
    if (this.lost) throw new SyncLeaseLostError();
  }

  async release(): Promise<void> {
    this.released = true;
    clearInterval(this.timer);
    await this.renewing;
    if (!this.lost) await this.options.store.releaseLease(this.holder);
  }
}
