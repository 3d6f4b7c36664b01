import type { PGlite } from '@electric-sql/pglite';
import { SourceText } from '../parse/SourceText';
import { toPostgresError } from './postgresError';
import { RunBudget } from './RunBudget';
import { ConsumerQuery, PostgresError } from './types';

/**
 * Prepares each query (parse, analyse, describe; never executes it) and
 * returns PostgreSQL's error for those that do not prepare, undefined for
 * the rest, in input order.
 */
export async function prepareQueries(
  db: PGlite,
  queries: ConsumerQuery[],
  budget: RunBudget,
): Promise<Array<PostgresError | undefined>> {
  const errors: Array<PostgresError | undefined> = [];
  for (const query of queries) {
    budget.check(db);
    try {
      await db.describeQuery(query.sql);
      errors.push(undefined);
    } catch (error) {
      errors.push(toPostgresError(error, new SourceText(query.sql), 0));
      if (db.isInTransaction()) await db.exec('ROLLBACK');
    }
  }
  return errors;
}
