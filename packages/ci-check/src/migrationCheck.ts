import fs from 'node:fs/promises';
import path from 'node:path';
import { MigrationCheckResult } from '@integration-health/plugin-integration-health-common';
import { refPath } from './entityRef';
import { callPortal, Portal, UsageError } from './portal';

const MAX_MIGRATION_BYTES = 5 * 1024 * 1024;

/** The migration file's SQL, with its base name as the migration's id. */
export async function readMigration(
  file: string,
): Promise<{ id: string; sql: string }> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new UsageError(`${file} is not a file`);
  if (stat.size > MAX_MIGRATION_BYTES)
    throw new UsageError(`${file} is larger than 5 MB`);
  return { id: path.basename(file), sql: await fs.readFile(file, 'utf8') };
}

/** Asks the portal what a candidate migration does to the database's consumers. */
export async function checkMigration(
  portal: Portal,
  resourceRef: string,
  file: string,
): Promise<MigrationCheckResult> {
  const body = await readMigration(file);
  return callPortal<MigrationCheckResult>(
    portal,
    `/v1/resources/${refPath(resourceRef)}/migrations/check`,
    { method: 'POST', body, what: 'the migration check' },
  );
}
