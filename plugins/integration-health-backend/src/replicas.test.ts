import { TestDatabases } from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';

jest.setTimeout(240_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});

type Replica = {
  process: ChildProcess;
  port: number;
  catalogReads: number;
  /** Resolves when a sync paused midway (REPLICA_PAUSE_MIDWAY). */
  midway: Promise<void>;
};

/** Starts one backend process (see __testUtils__/replicaProcess.ts). */
function startReplica(
  connection: unknown,
  env: Record<string, string> = {},
): Promise<Replica> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, '__testUtils__', 'replicaProcess.ts'),
    ],
    {
      env: {
        ...process.env,
        ...env,
        REPLICA_DATABASE: JSON.stringify(connection),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let midway: () => void;
    const replica: Replica = {
      process: child,
      port: 0,
      catalogReads: 0,
      midway: new Promise(paused => {
        midway = paused;
      }),
    };
    let stderr = '';
    child.stderr!.on('data', chunk => {
      stderr += chunk;
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === 'catalog-read') replica.catalogReads++;
        if (line === 'sync-midway') midway();
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) {
          replica.port = Number(listening[1]);
          resolve(replica);
        }
      }
    });
    child.on('exit', code => {
      if (!replica.port) {
        reject(
          new Error(`Replica exited with ${code}: ${stderr.slice(-2000)}`),
        );
      }
    });
  });
}

function stopReplica(replica: Replica): Promise<void> {
  return new Promise(resolve => {
    if (
      replica.process.exitCode !== null ||
      replica.process.signalCode !== null
    ) {
      resolve();
      return;
    }
    replica.process.on('exit', () => resolve());
    replica.process.kill('SIGTERM');
  });
}

const ids = databases.eachSupportedId();

(ids.length > 0 ? describe.each(ids) : describe.skip.each([['none']]))(
  'two backend processes sharing one database on %s',
  databaseId => {
    let knex: Knex;
    let replicas: Replica[] = [];

    beforeAll(async () => {
      knex = await databases.init(databaseId as 'POSTGRES_15');
      const connection = (knex.client as any).config.connection;
      // Started at the same moment on an empty database: they also race for
      // the migrations.
      replicas = await Promise.all([
        startReplica(connection),
        startReplica(connection),
      ]);
      // Each scheduler finds the sync due every second; a sync takes ~700 ms.
      await new Promise(resolve => setTimeout(resolve, 10000));
    });

    afterAll(async () => {
      await Promise.all(replicas.map(stopReplica));
    });

    it('runs one sync at a time across the processes', async () => {
      const runs: {
        status: string;
        started_at: Date;
        finished_at: Date | null;
      }[] = await knex('sync_runs').orderBy('started_at', 'asc');
      const finished = runs.filter(r => r.status !== 'running');
      expect(finished.length).toBeGreaterThanOrEqual(4);
      expect(finished.every(r => r.status === 'succeeded')).toBe(true);
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i].started_at.getTime()).toBeGreaterThanOrEqual(
          runs[i - 1].finished_at!.getTime(),
        );
      }
      // A run reads the catalog twice (entities, then groups); without the
      // lock both processes would run every time, doubling the reads.
      const reads = replicas.reduce((sum, r) => sum + r.catalogReads, 0);
      expect(reads).toBeLessThanOrEqual(2 * runs.length);
    });

    it('serves the same data from both processes', async () => {
      const [a, b] = await Promise.all(
        replicas.map(replica =>
          request(`http://localhost:${replica.port}`)
            .get(
              '/api/integration-health/v1/entities/component/default/processing/integrations',
            )
            .set('Authorization', 'Bearer mock-user-token'),
        ),
      );
      expect(a.status).toBe(200);
      expect(a.body.downstream).toHaveLength(2);
      // Syncs go on every second: one may finish between the two reads and
      // move when the integrations were last seen, and nothing else.
      const seen = (body: Record<string, { lastSeenAt: string }[]>) =>
        Object.values(body).flatMap(list =>
          Array.isArray(list) ? list.map(i => Date.parse(i.lastSeenAt)) : [],
        );
      const withoutSeen = (body: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(body), (key, value) =>
          key === 'lastSeenAt' ? undefined : value,
        );
      expect(withoutSeen(b.body)).toEqual(withoutSeen(a.body));
      const [seenA, seenB] = [seen(a.body), seen(b.body)];
      expect(seenA.length).toBeGreaterThan(0);
      seenA.forEach((at, index) =>
        expect(Math.abs(at - seenB[index])).toBeLessThan(5_000),
      );
    });
  },
);

async function waitFor(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 90_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const syncedRuns = (knex: Knex) =>
  knex('sync_runs').where({ status: 'succeeded' });

/** What a sync stores: integrations, spec history, evidence and scores. */
async function storedCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of [
    'integrations',
    'api_specs',
    'spec_versions',
    'spec_changes',
    'contract_verifications',
    'mock_documents',
    'integration_scores',
  ]) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

(ids.length > 0 ? describe.each(ids) : describe.skip.each([['none']]))(
  'a backend process killed in the middle of a sync on %s',
  databaseId => {
    const started: Replica[] = [];
    const start = async (connection: unknown, env: Record<string, string>) => {
      const replica = await startReplica(connection, env);
      started.push(replica);
      return replica;
    };
    afterAll(async () => {
      await Promise.all(started.map(stopReplica));
    });

    it('leaves whole data: the run it held up is not overlapped, and after a restart the next run stores what a clean run stores', async () => {
      const knex = await databases.init(databaseId as 'POSTGRES_15');
      const cleanKnex = await databases.init(databaseId as 'POSTGRES_15');
      const connection = (knex.client as any).config.connection;
      // A short task timeout, so the other process's scheduler starts the
      // sync again while the first one is still in it, and a short lease,
      // so the killed process's lease does not hold up the restart for long.
      const faultEnv = {
        REPLICA_EVIDENCE: '1',
        REPLICA_SYNC_TIMEOUT_SECONDS: '3',
        REPLICA_LEASE_SECONDS: '2',
      };
      const [victim] = await Promise.all([
        start(connection, { ...faultEnv, REPLICA_PAUSE_MIDWAY: '1' }),
        // The same catalog and evidence, synced without a fault.
        start((cleanKnex.client as any).config.connection, {
          REPLICA_EVIDENCE: '1',
        }),
      ]);
      await victim.midway;
      // Another replica joins while the victim's sync is under way. Once the
      // sync is past its task timeout the scheduler's janitor frees the task
      // (within a minute; done here at once), and that replica's scheduler
      // starts the sync again: it finds the lease held and changes nothing.
      await start(connection, faultEnv);
      await waitFor(
        'the task timeout',
        async () =>
          (await knex('backstage_backend_tasks__tasks')
            .where({ id: 'integration-health-catalog-sync' })
            .where('current_run_expires_at', '<', knex.fn.now())
            .update({
              current_run_ticket: null,
              current_run_started_at: null,
              current_run_expires_at: null,
            })) === 1,
      );
      await waitFor(
        'a sync skipped past the timeout',
        async () =>
          (await knex('sync_runs').where({ status: 'skipped' })).length >= 2,
      );
      const before = await storedCounts(knex);
      const runsBefore = await knex('sync_runs').whereNot({
        status: 'skipped',
      });
      expect(runsBefore.map(r => r.status)).toEqual(['running']);
      // Mid-way: integrations and spec history written, evidence not yet.
      expect(before.integrations).toBeGreaterThan(0);
      expect(before.spec_versions).toBeGreaterThan(0);
      expect(before.contract_verifications).toBe(0);

      victim.process.kill('SIGKILL');
      await new Promise(resolve => victim.process.once('exit', resolve));
      const restarted = await start(connection, faultEnv);
      await waitFor(
        'a sync after the restart',
        async () => (await syncedRuns(knex)).length >= 1,
      );
      await waitFor(
        'the clean sync',
        async () => (await syncedRuns(cleanKnex)).length >= 1,
      );
      await Promise.all(started.map(stopReplica));

      const after = await storedCounts(knex);
      expect(after).toEqual(await storedCounts(cleanKnex));
      expect(after.contract_verifications).toBeGreaterThan(0);
      expect(after.mock_documents).toBeGreaterThan(0);
      // The killed run is recorded as interrupted, not left running.
      const interrupted = await knex('sync_runs').where({
        id: runsBefore[0].id,
      });
      expect(interrupted[0]).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^Interrupted/),
      });
      expect(restarted.port).toBeGreaterThan(0);
    });
  },
);
