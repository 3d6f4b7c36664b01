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
};

/** Starts one backend process (see __testUtils__/replicaProcess.ts). */
function startReplica(connection: unknown): Promise<Replica> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, '__testUtils__', 'replicaProcess.ts'),
    ],
    {
      env: { ...process.env, REPLICA_DATABASE: JSON.stringify(connection) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const replica: Replica = { process: child, port: 0, catalogReads: 0 };
    let stderr = '';
    child.stderr!.on('data', chunk => {
      stderr += chunk;
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === 'catalog-read') replica.catalogReads++;
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
    if (replica.process.exitCode !== null) {
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
      expect(b.body).toEqual(a.body);
    });
  },
);
