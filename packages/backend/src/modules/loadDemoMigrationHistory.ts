import { MigrationHistorySeed } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type HistoryFile = {
  resource: string;
  migrations: { file: string; appliedAt: string }[];
};

/**
 * Reads a recorded migration history: the resource, and each migration
 * file (in the migrations folder beside the history file) with when it was
 * applied.
 */
export function loadDemoMigrationHistory(
  historyFile: string,
): MigrationHistorySeed[] {
  const dir = path.join(path.dirname(historyFile), 'migrations');
  const history: HistoryFile = parse(fs.readFileSync(historyFile, 'utf8'));
  return [
    {
      resourceRef: history.resource,
      migrations: history.migrations.map(m => {
        const appliedAt = new Date(m.appliedAt);
        if (Number.isNaN(appliedAt.getTime())) {
          throw new Error(
            `${historyFile}: ${m.file} has no valid appliedAt (${m.appliedAt})`,
          );
        }
        return {
          id: m.file,
          sql: fs.readFileSync(path.join(dir, path.basename(m.file)), 'utf8'),
          appliedAt,
        };
      }),
    },
  ];
}
