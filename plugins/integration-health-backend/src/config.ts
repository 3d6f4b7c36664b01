import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import {
  DEFAULT_SCORE_CONFIG,
  ScoreConfig,
} from '@integration-health/plugin-integration-health-common';
import { InputError } from '@backstage/errors';
import { SpecWorkerPoolOptions } from './specs/worker/SpecWorkerPool';

/** When a sync's catalog read looks incomplete and the run is held instead of applied. */
export type HoldConfig = {
  /** Hold a run that would mark more than this share of the integrations gone. */
  maxGoneShare: number;
  /** Hold a run that reads fewer than this share of the last good run's entities. */
  minEntitiesShare: number;
};

export type SyncConfig = {
  schedule: SchedulerServiceTaskScheduleDefinition;
  hold: HoldConfig;
  pageSize: number;
  maxDocumentBytes: number;
  evidenceTimeoutMs: number;
  maxMockDocumentBytes: number;
  /** How long the sync lease lasts without renewal. */
  leaseMs: number;
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

/** How the plugin follows the catalog's change announcements. */
export type CatalogEventsConfig = {
  enabled: boolean;
  /** Changes arriving within this long are synced together. */
  coalesceMs: number;
  /** Between passes while changes wait for the catalog. */
  retryMs: number;
  /** How long to wait for the catalog to serve an announced change. */
  waitMs: number;
  /** More changed entities at once than this run the full sync instead. */
  maxEntities: number;
};

export function readCatalogEventsConfig(config: Config): CatalogEventsConfig {
  const events = config.getOptionalConfig(
    'integrationHealth.sync.catalogEvents',
  );
  const bounded = (key: string, fallback: number, min: number, max: number) => {
    const value = events?.getOptionalNumber(key) ?? fallback;
    if (!(value >= min && value <= max)) {
      throw new InputError(
        `integrationHealth.sync.catalogEvents.${key} must be from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  return {
    enabled: events?.getOptionalBoolean('enabled') ?? true,
    coalesceMs: bounded('coalesceSeconds', 0.5, 0, 60) * 1000,
    retryMs: 1000,
    waitMs: bounded('waitSeconds', 30, 0, 3600) * 1000,
    maxEntities: bounded('maxEntities', 500, 1, 100_000),
  };
}

export function readSyncConfig(config: Config): SyncConfig {
  const sync = config.getOptionalConfig('integrationHealth.sync');
  const schedule = sync?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        sync.getConfig('schedule'),
      )
    : DEFAULT_SCHEDULE;
  const share = (key: string, fallback: number) => {
    const value = sync?.getOptionalNumber(`hold.${key}`) ?? fallback;
    if (!(value >= 0 && value <= 1)) {
      throw new InputError(
        `integrationHealth.sync.hold.${key} must be a share from 0 to 1, got ${value}`,
      );
    }
    return value;
  };
  const hold = {
    maxGoneShare: share('maxGoneShare', 0.2),
    minEntitiesShare: share('minEntitiesShare', 0.5),
  };
  const pageSize = sync?.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000) {
    throw new InputError(
      `integrationHealth.sync.pageSize must be an integer from 1 to 10000, got ${pageSize}`,
    );
  }
  const maxDocumentBytes =
    config.getOptionalNumber('integrationHealth.specs.maxDocumentBytes') ??
    20 * 1024 * 1024;
  if (!Number.isInteger(maxDocumentBytes) || maxDocumentBytes < 1) {
    throw new InputError(
      `integrationHealth.specs.maxDocumentBytes must be a positive integer, got ${maxDocumentBytes}`,
    );
  }
  const evidenceTimeoutSeconds =
    config.getOptionalNumber(
      'integrationHealth.evidence.sourceTimeoutSeconds',
    ) ?? 60;
  if (!(evidenceTimeoutSeconds > 0 && evidenceTimeoutSeconds <= 3600)) {
    throw new InputError(
      `integrationHealth.evidence.sourceTimeoutSeconds must be from 1 to 3600, got ${evidenceTimeoutSeconds}`,
    );
  }
  const maxMockDocumentBytes =
    config.getOptionalNumber(
      'integrationHealth.evidence.maxMockDocumentBytes',
    ) ?? 1024 * 1024;
  if (!Number.isInteger(maxMockDocumentBytes) || maxMockDocumentBytes < 1) {
    throw new InputError(
      `integrationHealth.evidence.maxMockDocumentBytes must be a positive integer, got ${maxMockDocumentBytes}`,
    );
  }
  const leaseSeconds = sync?.getOptionalNumber('leaseSeconds') ?? 120;
  if (!(leaseSeconds >= 1 && leaseSeconds <= 86_400)) {
    throw new InputError(
      `integrationHealth.sync.leaseSeconds must be from 1 to 86400, got ${leaseSeconds}`,
    );
  }
  return {
    schedule,
    hold,
    leaseMs: leaseSeconds * 1000,
    pageSize,
    maxDocumentBytes,
    evidenceTimeoutMs: evidenceTimeoutSeconds * 1000,
    maxMockDocumentBytes,
  };
}

function number(
  config: Config,
  key: string,
  fallback: number,
  range: [number, number],
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value >= range[0] && value <= range[1])) {
    throw new InputError(
      `integrationHealth.scores.${key} must be from ${range[0]} to ${range[1]}, got ${value}`,
    );
  }
  return value;
}

/** Score weights and windows from config, each defaulting to the design's. */
export function readScoreConfig(root: Config): ScoreConfig {
  const config =
    root.getOptionalConfig('integrationHealth.scores') ?? new ConfigReader({});
  const d = DEFAULT_SCORE_CONFIG;
  const tier = (name: keyof ScoreConfig['contract']['tiers']) =>
    number(config, `contract.tiers.${name}`, d.contract.tiers[name], [0, 100]);
  return {
    contract: {
      tiers: {
        verifiedInProduction: tier('verifiedInProduction'),
        verifiedEarlierUnaffected: tier('verifiedEarlierUnaffected'),
        verifiedEarlierWarnings: tier('verifiedEarlierWarnings'),
        verifiedEarlierBreaking: tier('verifiedEarlierBreaking'),
        staticCheckOnly: tier('staticCheckOnly'),
      },
      freshDays: number(
        config,
        'contract.freshDays',
        d.contract.freshDays,
        [0, 3650],
      ),
      decayDays: number(
        config,
        'contract.decayDays',
        d.contract.decayDays,
        [1, 3650],
      ),
      floor: number(config, 'contract.floor', d.contract.floor, [0, 100]),
    },
    mock: {
      singleMockCredit: number(
        config,
        'mock.singleMockCredit',
        d.mock.singleMockCredit,
        [0, 1],
      ),
      capAfterWarnings: number(
        config,
        'mock.capAfterWarnings',
        d.mock.capAfterWarnings,
        [0, 100],
      ),
      capAfterBreaking: number(
        config,
        'mock.capAfterBreaking',
        d.mock.capAfterBreaking,
        [0, 100],
      ),
    },
  };
}

export type CalendarConfig = {
  /** Days consumers have to acknowledge a change detected as it shipped. */
  detectedGraceDays: number;
  /** Days before an entry's date when pending consumers are reminded. */
  reminderDays: number[];
  /** Days a calendar feed token stays valid. */
  feedTokenDays: number;
};

export function readCalendarConfig(config: Config): CalendarConfig {
  const calendar = config.getOptionalConfig('integrationHealth.calendar');
  const detectedGraceDays =
    calendar?.getOptionalNumber('detectedGraceDays') ?? 14;
  if (
    !(
      Number.isInteger(detectedGraceDays) &&
      detectedGraceDays >= 0 &&
      detectedGraceDays <= 365
    )
  ) {
    throw new InputError(
      `integrationHealth.calendar.detectedGraceDays must be an integer from 0 to 365, got ${detectedGraceDays}`,
    );
  }
  const reminderDays: unknown[] = calendar?.getOptional<unknown[]>(
    'reminderDays',
  ) ?? [14, 7, 1];
  if (
    !Array.isArray(reminderDays) ||
    !reminderDays.every(
      d => typeof d === 'number' && Number.isInteger(d) && d >= 1 && d <= 365,
    )
  ) {
    throw new InputError(
      `integrationHealth.calendar.reminderDays must be whole days from 1 to 365, got ${JSON.stringify(
        reminderDays,
      )}`,
    );
  }
  const feedTokenDays = calendar?.getOptionalNumber('feedTokenDays') ?? 180;
  if (
    !(
      Number.isInteger(feedTokenDays) &&
      feedTokenDays >= 1 &&
      feedTokenDays <= 3650
    )
  ) {
    throw new InputError(
      `integrationHealth.calendar.feedTokenDays must be whole days from 1 to 3650, got ${feedTokenDays}`,
    );
  }
  return {
    detectedGraceDays,
    reminderDays: [...new Set(reminderDays as number[])].sort((a, b) => b - a),
    feedTokenDays,
  };
}

/** The bounds of the spec workers (see SpecWorkerPool). */
export function readSpecWorkerConfig(config: Config): SpecWorkerPoolOptions {
  const workers = config.getOptionalConfig('integrationHealth.specs.workers');
  const positive = (key: string, max: number) => {
    const value = workers?.getOptionalNumber(key);
    if (
      value !== undefined &&
      !(Number.isInteger(value) && value >= 1 && value <= max)
    ) {
      throw new InputError(
        `integrationHealth.specs.workers.${key} must be a whole number from 1 to ${max}, got ${value}`,
      );
    }
    return value;
  };
  const timeoutSeconds = positive('jobTimeoutSeconds', 3600);
  return {
    workers: positive('count', 64),
    maxQueue: positive('maxQueue', 10_000),
    jobTimeoutMs: timeoutSeconds && timeoutSeconds * 1000,
    maxHeapMb: positive('maxHeapMb', 65_536),
  };
}

/** The live provider mocks (see config.d.ts). */
export type MockServerConfig = {
  enabled: boolean;
  requestsPerSecond: number;
};

export function readMockServerConfig(config: Config): MockServerConfig {
  const mockServer = config.getOptionalConfig('integrationHealth.mockServer');
  const requestsPerSecond =
    mockServer?.getOptionalNumber('requestsPerSecond') ?? 20;
  if (!(requestsPerSecond >= 1 && requestsPerSecond <= 10_000)) {
    throw new InputError(
      `integrationHealth.mockServer.requestsPerSecond must be from 1 to 10000, got ${requestsPerSecond}`,
    );
  }
  return {
    enabled: mockServer?.getOptionalBoolean('enabled') ?? false,
    requestsPerSecond,
  };
}

/** What telemetry observed (see config.d.ts). */
export type ObservationsConfig = {
  sourceTimeoutSeconds: number;
  notObservedDays: number;
  retentionDays: number;
};

export function readObservationsConfig(config: Config): ObservationsConfig {
  const observations = config.getOptionalConfig(
    'integrationHealth.observations',
  );
  const read = (key: string, fallback: number, max: number) => {
    const value = observations?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value >= 1 && value <= max)) {
      throw new InputError(
        `integrationHealth.observations.${key} must be a whole number from 1 to ${max}, got ${value}`,
      );
    }
    return value;
  };
  const notObservedDays = read('notObservedDays', 14, 365);
  return {
    sourceTimeoutSeconds: read('sourceTimeoutSeconds', 60, 3600),
    notObservedDays,
    retentionDays: Math.max(read('retentionDays', 90, 3650), notObservedDays),
  };
}

/** Database migrations as changes to an integration (see config.d.ts). */
export type SchemasConfig = {
  allowedDirectories: string[];
  maxFiles: number;
  maxFileBytes: number;
  dryRunTimeoutMs: number;
  dryRunMaxMemoryMb: number;
};

export function readSchemasConfig(config: Config): SchemasConfig {
  const schemas = config.getOptionalConfig('integrationHealth.schemas');
  const read = (key: string, fallback: number, min: number, max: number) => {
    const value = schemas?.getOptionalNumber(key) ?? fallback;
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new InputError(
        `integrationHealth.schemas.${key} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  return {
    allowedDirectories:
      schemas?.getOptionalStringArray('allowedDirectories') ?? [],
    maxFiles: read('maxFiles', 2000, 1, 100_000),
    maxFileBytes: read('maxFileBytes', 1_000_000, 1_000, 20_000_000),
    dryRunTimeoutMs: read('dryRunTimeoutSeconds', 15, 1, 600) * 1000,
    dryRunMaxMemoryMb: read('dryRunMaxMemoryMb', 512, 64, 8192),
  };
}
