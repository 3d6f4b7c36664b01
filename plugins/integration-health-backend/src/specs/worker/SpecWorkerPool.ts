import { ServiceUnavailableError } from '@backstage/errors';
import { SpecInputError } from '@integration-health/spec-diff';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import {
  SpecJob,
  SpecJobAnswer,
  SpecJobFailure,
  SpecJobResult,
} from './specJobs';
import { runSpecWorker } from './specWorker';

const WORKER_FLAG = 'integrationHealthSpecWorker';

// A worker loads this very module (the built file in production, the
// TypeScript source with Backstage's transform in development) and serves.
if (!isMainThread && workerData?.[WORKER_FLAG]) {
  runSpecWorker();
}

/** The bounds of the pool; every one has a default. */
export type SpecWorkerPoolOptions = {
  /** Worker threads. Defaults to 2. */
  workers?: number;
  /** Jobs waiting for a worker before new ones are refused. Defaults to 32. */
  maxQueue?: number;
  /** How long one job may run before its worker is stopped. Defaults to 30 s. */
  jobTimeoutMs?: number;
  /** Heap each worker may use. Defaults to 512 MB. */
  maxHeapMb?: number;
};

/**
 * A job that went over a limit, with the HTTP status the routes answer:
 * 413 for memory, 422 for time.
 */
export class SpecJobLimitError extends Error {
  readonly name = 'SpecJobLimitError';
  constructor(message: string, readonly statusCode: 413 | 422) {
    super(message);
  }
}

type Pending = {
  id: number;
  job: SpecJob;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};

type Slot = {
  worker: Worker;
  /** Set once the worker has loaded the engine: its jobs' clocks start then. */
  ready: boolean;
  busy?: Pending & { timer: NodeJS.Timeout };
};

function toError(failure: SpecJobFailure): Error {
  if (failure.name === 'SpecInputError' && failure.code) {
    return new SpecInputError(failure.code, failure.message, failure.location);
  }
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

function workerArgv(): string[] {
  return /\.tsx?$/.test(__filename)
    ? ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')]
    : [];
}

/**
 * Parses and compares untrusted specs off the event loop, in a bounded pool
 * of worker threads: each job has a time limit and each worker a heap
 * limit; a job over either is cancelled (its worker replaced) and fails with
 * a SpecJobLimitError, and jobs past the queue limit are refused at once
 * with a ServiceUnavailableError. The backend keeps answering meanwhile.
 */
export class SpecWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly jobTimeoutMs: number;
  private readonly maxHeapMb: number;

  constructor(options: SpecWorkerPoolOptions = {}) {
    this.size = options.workers ?? 2;
    this.maxQueue = options.maxQueue ?? 32;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.maxHeapMb = options.maxHeapMb ?? 512;
  }

  /** Compares two specs as diffSpecs does. */
  diff(
    job: Omit<Extract<SpecJob, { kind: 'diff' }>, 'kind'>,
  ): Promise<SpecJobResult['diff']> {
    return this.run({ kind: 'diff', ...job }) as Promise<SpecJobResult['diff']>;
  }

  /** Says what one spec is, as inspectSpec does: its format and version. */
  inspect(
    text: string,
    options: Extract<SpecJob, { kind: 'inspect' }>['options'] = {},
  ): Promise<SpecJobResult['inspect']> {
    return this.run({ kind: 'inspect', text, options }) as Promise<
      SpecJobResult['inspect']
    >;
  }

  /** Classifies each migration of a history against those before it. */
  classifyMigrations(
    migrations: Extract<SpecJob, { kind: 'classifyMigrations' }>['migrations'],
  ): Promise<SpecJobResult['classifyMigrations']> {
    return this.run({ kind: 'classifyMigrations', migrations }) as Promise<
      SpecJobResult['classifyMigrations']
    >;
  }

  /** Dry-runs a candidate migration against consumers' queries on an embedded PostgreSQL. */
  dryRunMigration(
    job: Omit<Extract<SpecJob, { kind: 'dryRunMigration' }>, 'kind'>,
  ): Promise<SpecJobResult['dryRunMigration']> {
    return this.run({ kind: 'dryRunMigration', ...job }) as Promise<
      SpecJobResult['dryRunMigration']
    >;
  }

  /** Reads one spec as loadSpec does: its format, version and document. */
  load(
    text: string,
    options: Extract<SpecJob, { kind: 'load' }>['options'] = {},
  ): Promise<SpecJobResult['load']> {
    return this.run({ kind: 'load', text, options }) as Promise<
      SpecJobResult['load']
    >;
  }

  /** Generates a consumer's mock bundle from a spec (see generateMockBundle). */
  generateMocks(
    text: string,
    options: Extract<SpecJob, { kind: 'generateMocks' }>['options'],
  ): Promise<SpecJobResult['generateMocks']> {
    return this.run({ kind: 'generateMocks', text, options }) as Promise<
      SpecJobResult['generateMocks']
    >;
  }

  /** Stops every worker; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(new ServiceUnavailableError('The spec workers stopped'));
    }
    await Promise.all(
      this.slots.splice(0).map(slot => {
        if (slot.busy) {
          clearTimeout(slot.busy.timer);
          slot.busy.reject(
            new ServiceUnavailableError('The spec workers stopped'),
          );
        }
        return slot.worker.terminate();
      }),
    );
  }

  private run(job: SpecJob): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(
        new ServiceUnavailableError('The spec workers stopped'),
      );
    }
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new ServiceUnavailableError(
          `Too many specs are being compared (${this.maxQueue} waiting); try again shortly`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length > 0) {
      const slot = this.slots.find(s => s.ready && !s.busy);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const pending = this.queue.shift()!;
      const timer = setTimeout(
        () =>
          this.replace(
            slot,
            new SpecJobLimitError(
              `Comparing took longer than ${
                this.jobTimeoutMs / 1000
              } s and was stopped`,
              422,
            ),
          ),
        this.jobTimeoutMs,
      );
      slot.busy = { ...pending, timer };
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(`require(${JSON.stringify(__filename)});`, {
      eval: true,
      workerData: { [WORKER_FLAG]: true },
      execArgv: workerArgv(),
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (answer: SpecJobAnswer | 'ready') => {
      if (answer === 'ready') {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const busy = slot.busy;
      if (!busy || busy.id !== answer.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if ('failure' in answer) busy.reject(toError(answer.failure));
      else busy.resolve(answer.result);
      this.dispatch();
    });
    worker.on('error', error => {
      const outOfMemory =
        (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(
        slot,
        outOfMemory
          ? new SpecJobLimitError(
              `Comparing needed more than ${this.maxHeapMb} MB and was stopped`,
              413,
            )
          : (error as Error),
      );
    });
    worker.on('exit', () =>
      this.replace(slot, new Error('The spec worker stopped')),
    );
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  /** Fails the slot's job, drops its worker, and carries on with a new one. */
  private replace(slot: Slot, error: Error) {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.reject(error);
      slot.busy = undefined;
    }
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}
