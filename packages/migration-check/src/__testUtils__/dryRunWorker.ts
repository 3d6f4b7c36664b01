import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DryRunInput, DryRunOptions, DryRunResult } from '../dryrun/types';

/**
 * A worker thread that creates one DryRunEngine and answers dry runs, as the
 * backend's worker pool does. PGlite loads Node built-ins with dynamic
 * import(), which Jest's module sandbox refuses, so the engine runs where it
 * runs in production: in a thread of its own with Node's own loader.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.transform);
const { createDryRunEngine, dryRunMigration } = require(workerData.entry);
const engine = createDryRunEngine();
parentPort.on('message', async ({ id, input, options, oneShot }) => {
  try {
    const result = oneShot
      ? await dryRunMigration(input, options)
      : await (await engine).dryRun(input, options);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.stack || error) });
  }
});
`;

export class DryRunWorker {
  private readonly worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      transform: require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      entry: path.resolve(__dirname, '..', 'index.ts'),
    },
  });
  private nextId = 0;

  run(
    input: DryRunInput,
    options?: DryRunOptions,
    oneShot = false,
  ): Promise<DryRunResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (message: {
        id: number;
        result?: DryRunResult;
        error?: string;
      }) => {
        if (message.id !== id) return;
        this.worker.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message.result!);
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ id, input, options, oneShot });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
