import {
  classifyHistory,
  MigrationInput,
  MigrationInputError,
} from '@integration-health/migration-check';
import { ClassifiedMigration } from './specJobs';

/**
 * Each migration of a history classified against those before it. One that
 * does not parse gets its error (with its line) and is left out of the
 * schema the later ones apply to; the rest are classified in one pass.
 */
export async function classifyMigrations(
  migrations: MigrationInput[],
): Promise<ClassifiedMigration[]> {
  const errors = new Map<string, ClassifiedMigration['error']>();
  for (;;) {
    const readable = migrations.filter(m => !errors.has(m.id));
    try {
      const classified = await classifyHistory(readable);
      const byId = new Map(classified.map(c => [c.migrationId, c]));
      return migrations.map(m =>
        errors.has(m.id)
          ? { migrationId: m.id, error: errors.get(m.id) }
          : { migrationId: m.id, classification: byId.get(m.id) },
      );
    } catch (error) {
      if (
        !(error instanceof MigrationInputError) ||
        errors.has(error.location.migrationId)
      ) {
        throw error;
      }
      errors.set(error.location.migrationId, {
        message: error.describe(),
        ...(error.location.line !== undefined
          ? { line: error.location.line }
          : {}),
      });
    }
  }
}
