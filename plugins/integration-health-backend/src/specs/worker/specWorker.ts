import {
  diffSpecs,
  inspectSpec,
  loadSpec,
  SpecInputError,
} from '@integration-health/spec-diff';
import {
  createDryRunEngine,
  DryRunEngine,
} from '@integration-health/migration-check';
import { parentPort } from 'node:worker_threads';
import { SpecJob, SpecJobFailure, SpecJobMessage } from './specJobs';
import { generateMockBundle } from '../../evidence/generate/generateMockBundle';
import { classifyMigrations } from './classifyMigrations';

let engine: Promise<DryRunEngine> | undefined;

/**
 * The worker's embedded PostgreSQL for dry runs, started on the first one
 * (a few seconds, a few hundred MB) and kept: workers that never dry-run a
 * migration never load it.
 */
function dryRunEngine(): Promise<DryRunEngine> {
  engine ??= createDryRunEngine();
  engine.catch(() => {
    engine = undefined;
  });
  return engine;
}

async function perform(job: SpecJob): Promise<unknown> {
  switch (job.kind) {
    case 'diff':
      return diffSpecs(job.base, job.revision, {
        ...job.options,
        today: job.today ? new Date(job.today) : undefined,
      });
    case 'inspect':
      return inspectSpec(job.text, job.options);
    case 'load':
      return loadSpec(job.text, job.options);
    case 'generateMocks': {
      const { format, operations, consumerName, providerName, version } =
        job.options;
      const spec = await loadSpec(job.text, job.options);
      return generateMockBundle({
        spec: {
          format: spec.format,
          document: spec.document,
          version: version ?? spec.version,
        },
        operations,
        format,
        consumerName,
        providerName,
      });
    }
    case 'classifyMigrations':
      return classifyMigrations(job.migrations);
    case 'dryRunMigration':
      return (await dryRunEngine()).dryRun(job.input, job.options);
    default:
      throw new Error(`unknown job ${(job as SpecJob).kind}`);
  }
}

function failure(error: unknown): SpecJobFailure {
  if (error instanceof SpecInputError) {
    return {
      name: 'SpecInputError',
      code: error.code,
      message: error.message,
      location: error.location,
    };
  }
  return {
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * The body of a spec worker thread: parses and compares the specs it is
 * sent, one job at a time, and answers each with its result or a failure
 * the pool turns back into the same error.
 */
export function runSpecWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runSpecWorker runs in a worker thread');
  port.on('message', async ({ id, job }: SpecJobMessage) => {
    try {
      port.postMessage({ id, result: await perform(job) });
    } catch (error) {
      port.postMessage({ id, failure: failure(error) });
    }
  });
  port.postMessage('ready');
}
