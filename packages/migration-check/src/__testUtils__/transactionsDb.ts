import fs from 'node:fs';
import path from 'node:path';
import { ConsumerQuery } from '../dryrun/types';
import { MigrationInput } from '../types';

const root = path.resolve(__dirname, '../../fixtures/transactions-db');

function migrationAt(file: string): MigrationInput {
  return {
    id: path.basename(file, '.sql'),
    file: path.relative(root, file),
    sql: fs.readFileSync(file, 'utf8'),
  };
}

/** The applied migrations of the fixture database, oldest first. */
export function history(): MigrationInput[] {
  const dir = path.join(root, 'migrations');
  return fs
    .readdirSync(dir)
    .sort()
    .map(f => migrationAt(path.join(dir, f)));
}

/** A candidate migration by the part of its name after the timestamp. */
export function candidate(name: string): MigrationInput {
  const dir = path.join(root, 'candidates');
  const file = fs.readdirSync(dir).find(f => f.endsWith(`_${name}.sql`));
  if (!file) throw new Error(`no candidate ${name}`);
  return migrationAt(path.join(dir, file));
}

/** Every consumer's declared queries: `consumers/<name>/<query>.sql`. */
export function consumerQueries(): ConsumerQuery[] {
  const dir = path.join(root, 'consumers');
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap(consumer =>
      fs
        .readdirSync(path.join(dir, consumer))
        .sort()
        .map(file => ({
          consumerRef: `component:default/${consumer}`,
          name: file,
          sql: fs.readFileSync(path.join(dir, consumer, file), 'utf8'),
        })),
    );
}
