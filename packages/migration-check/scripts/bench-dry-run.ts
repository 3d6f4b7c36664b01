/**
 * Time of a dry run on a generated history of 200 migrations (40 tables, their
 * enums, columns added later, indexes, views, a rename) and 50 consumer
 * queries, with a candidate that renames a column some queries read. Prints a
 * cold run (the embedded PostgreSQL compiled and initialised first, as in a
 * new worker), warm runs on the same engine (as in a worker that already ran
 * one), the classification of the candidate, and the peak memory. The target
 * is 5 s for a dry run. The last line printed is a JSON object.
 *
 *   npm run bench -w @integration-health/migration-check
 */
import {
  classifyMigration,
  ConsumerQuery,
  createDryRunEngine,
  dryRunMigration,
  MigrationInput,
} from '../src';

const TABLES = 40;
const MIGRATIONS = 200;
const QUERIES = 50;

function generateHistory(): MigrationInput[] {
  const history: MigrationInput[] = [];
  const add = (sql: string) => {
    const n = String(history.length + 1).padStart(4, '0');
    history.push({
      id: `${n}_generated`,
      file: `migrations/${n}_generated.sql`,
      sql,
    });
  };
  for (let t = 0; t < TABLES; t++) {
    add(`CREATE TYPE state_${t} AS ENUM ('new', 'active', 'closed');
CREATE TABLE entity_${t} (
  id bigserial PRIMARY KEY,
  ref varchar(32) NOT NULL UNIQUE,
  parent_id bigint${t > 0 ? ` REFERENCES entity_${t - 1} (id)` : ''},
  state state_${t} NOT NULL DEFAULT 'new',
  amount numeric(14, 2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);`);
  }
  for (let t = 0; history.length < MIGRATIONS; t = (t + 1) % TABLES) {
    const step = history.length;
    switch (step % 4) {
      case 0:
        add(`ALTER TABLE entity_${t} ADD COLUMN note_${step} text;`);
        break;
      case 1:
        add(
          `CREATE INDEX CONCURRENTLY entity_${t}_idx_${step} ON entity_${t} (created_at);`,
        );
        break;
      case 2:
        add(
          `ALTER TYPE state_${t} ADD VALUE IF NOT EXISTS 'archived_${step}';`,
        );
        break;
      default:
        add(`CREATE OR REPLACE VIEW entity_${t}_view_${step} AS
  SELECT e.id, e.ref, e.amount, p.ref AS parent_ref
  FROM entity_${t} e LEFT JOIN entity_${
          (t + TABLES - 1) % TABLES
        } p ON p.id = e.parent_id;`);
    }
  }
  return history;
}

function generateQueries(): ConsumerQuery[] {
  return Array.from({ length: QUERIES }, (_, i) => {
    const t = i % TABLES;
    const consumerRef = `component:default/consumer-${i % 7}`;
    const sql = [
      `SELECT id, ref, amount FROM entity_${t} WHERE ref = $1`,
      `SELECT e.id, p.ref FROM entity_${t} e JOIN entity_${
        (t + 1) % TABLES
      } p ON p.parent_id = e.id WHERE e.state = 'active' AND e.amount > $1`,
      `INSERT INTO entity_${t} (ref, amount) VALUES ($1, $2) RETURNING id`,
      `UPDATE entity_${t} SET state = 'closed' WHERE id = $1`,
      `SELECT count(*) FROM entity_${t} WHERE created_at > $1::timestamptz`,
    ][i % 5];
    return { consumerRef, name: `query_${i}.sql`, sql };
  });
}

async function main() {
  const history = generateHistory();
  const queries = generateQueries();
  const candidate: MigrationInput = {
    id: '0201_rename_ref',
    sql: 'ALTER TABLE entity_0 RENAME COLUMN ref TO reference;\nALTER TABLE entity_5 RENAME COLUMN ref TO reference;',
  };
  const input = { history, candidate, queries };
  const statements = history.reduce(
    (n, m) => n + m.sql.split(';').length - 1,
    0,
  );
  console.log(
    `history: ${history.length} migrations, ${statements} statements; ${queries.length} consumer queries`,
  );

  let started = performance.now();
  const cold = await dryRunMigration(input);
  const coldMs = Math.round(performance.now() - started);
  const broken = cold.queries.filter(q => q.status === 'broken').length;
  console.log(
    `cold dry run (new runtime): ${coldMs} ms, status ${cold.status}, ${broken} broken queries`,
  );

  started = performance.now();
  const engine = await createDryRunEngine();
  const engineMs = Math.round(performance.now() - started);
  console.log(`engine start (compile, initdb, template): ${engineMs} ms`);
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    const result = await engine.dryRun(input);
    warm.push(Math.round(performance.now() - started));
    if (result.status !== 'completed')
      throw new Error(`warm run ${result.status}`);
  }
  const warmMs = [...warm].sort((a, b) => a - b)[1];
  console.log(
    `warm dry runs (same engine): ${warm.join(', ')} ms, median ${warmMs} ms`,
  );

  started = performance.now();
  const classification = await classifyMigration(candidate, { history });
  const classifyMs = Math.round(performance.now() - started);
  console.log(
    `classification with history: ${classifyMs} ms, ${classification.summary.breaking} breaking`,
  );

  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(
    `rss: ${rssMb} MB; target 5000 ms per dry run: ${
      coldMs <= 5000 && warmMs <= 5000 ? 'met' : 'missed'
    }`,
  );
  console.log(
    JSON.stringify({
      migrations: history.length,
      statements,
      queries: queries.length,
      brokenQueries: broken,
      coldDryRunMs: coldMs,
      engineStartMs: engineMs,
      warmDryRunMs: warmMs,
      classifyMs,
      rssMb,
      targetMs: 5000,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
