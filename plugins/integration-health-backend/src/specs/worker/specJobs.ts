import type {
  GeneratedMockBundle,
  MockBundleFormat,
} from '@integration-health/plugin-integration-health-common';
import type {
  DryRunInput,
  DryRunOptions,
  DryRunResult,
  MigrationClassification,
  MigrationInput,
} from '@integration-health/migration-check';
import type {
  DiffOptions,
  DiffResult,
  InspectOptions,
  SpecFormat,
  SpecInputErrorCode,
} from '@integration-health/spec-diff';

/**
 * What a spec worker can be asked: compare two specs, say what one is
 * (format and version), read one whole, or generate mocks from one.
 */
export type SpecJob =
  | {
      kind: 'diff';
      base: string;
      revision: string;
      options: Omit<DiffOptions, 'today'>;
      /** ISO date the sunset rules count from. */
      today?: string;
    }
  | { kind: 'inspect'; text: string; options: InspectOptions }
  | { kind: 'load'; text: string; options: InspectOptions }
  | {
      kind: 'generateMocks';
      text: string;
      options: InspectOptions & {
        format: MockBundleFormat;
        operations?: string[];
        consumerName: string;
        providerName: string;
        /** The version label to stamp, when the spec's own is not it. */
        version?: string;
      };
    }
  | {
      kind: 'classifyMigrations';
      /** The whole history, oldest first. */
      migrations: MigrationInput[];
    }
  | { kind: 'dryRunMigration'; input: DryRunInput; options: DryRunOptions };

/**
 * One migration of a history as classified against those before it, or why
 * it could not be read (it is then left out of the schema the later ones
 * apply to).
 */
export type ClassifiedMigration = {
  migrationId: string;
  classification?: MigrationClassification;
  error?: { message: string; line?: number };
};

/** What each job answers. */
export type SpecJobResult = {
  diff: DiffResult;
  inspect: { format: SpecFormat; version?: string };
  load: { format: SpecFormat; version?: string; document?: unknown };
  generateMocks: GeneratedMockBundle;
  classifyMigrations: ClassifiedMigration[];
  dryRunMigration: DryRunResult;
};

/** An error thrown in the worker, as it crosses back to the pool. */
export type SpecJobFailure = {
  name: string;
  message: string;
  code?: SpecInputErrorCode;
  location?: { which?: 'base' | 'revision'; line?: number; column?: number };
};

export type SpecJobMessage = { id: number; job: SpecJob };

export type SpecJobAnswer =
  | { id: number; result: unknown }
  | { id: number; failure: SpecJobFailure };
