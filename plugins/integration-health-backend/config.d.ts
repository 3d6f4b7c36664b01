import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  integrationHealth?: {
    sync?: {
      /**
       * When the catalog sync job runs. It runs on one replica at a time.
       * Defaults to every 30 minutes with a 10 minute timeout, first 15 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Entities read from the catalog per request. Defaults to 500.
       */
      pageSize?: number;
      /**
       * Seconds the sync lease lasts without renewal. A running sync holds
       * the lease and renews it every third of this, so a run that outlives
       * the schedule's timeout never overlaps the next one; a sync that
       * finds it held is recorded as skipped. A process that dies mid-sync
       * holds up the next sync at most this long. Defaults to 120.
       */
      leaseSeconds?: number;
      /**
       * A run whose catalog read looks incomplete (a catalog still
       * ingesting, a policy hiding entities from the plugin) is held: it
       * changes nothing and says why on the run and on the tab.
       */
      /**
       * Changes the catalog announces through the events service (installed
       * with the catalog module
       * `@integration-health/plugin-catalog-backend-module-integration-health`)
       * are synced within seconds, just the changed entities and their
       * neighbours. The scheduled sync stays as the safety net.
       */
      catalogEvents?: {
        /** Whether to follow the announcements. Defaults to true. */
        enabled?: boolean;
        /** Changes arriving within this many seconds are synced together. Defaults to 0.5. */
        coalesceSeconds?: number;
        /**
         * Seconds to wait for the catalog to serve an announced change (it
         * stitches after it processes) before syncing what it serves. Defaults to 30.
         */
        waitSeconds?: number;
        /** More changed entities at once than this run the full sync instead. Defaults to 500. */
        maxEntities?: number;
      };
      hold?: {
        /** Hold a run that would mark more than this share of the integrations gone. Defaults to 0.2. */
        maxGoneShare?: number;
        /** Hold a run that reads fewer than this share of the last good run's entities. Defaults to 0.5. */
        minEntitiesShare?: number;
      };
    };
    specs?: {
      /**
       * Largest API definition read and compared, in bytes. Larger ones are
       * reported on the sync run and not recorded. Defaults to 20 MB.
       */
      maxDocumentBytes?: number;
      /**
       * The worker threads that parse and compare specs off the event loop.
       * A job over its time or memory is stopped and reported; jobs past the
       * queue are refused (503) until it drains.
       */
      workers?: {
        /** Worker threads. Defaults to 2. */
        count?: number;
        /** Jobs waiting for a worker. Defaults to 32. */
        maxQueue?: number;
        /** Seconds one parse or comparison may take. Defaults to 30. */
        jobTimeoutSeconds?: number;
        /** Heap of each worker, in MB. Defaults to 512. */
        maxHeapMb?: number;
      };
    };
    evidence?: {
      /**
       * How long each evidence source may take on a sync before it counts
       * as failed (its earlier evidence is kept). Defaults to 60.
       */
      sourceTimeoutSeconds?: number;
      /**
       * Largest mock document (a pact, a WireMock file) kept, in bytes of
       * JSON. Larger ones are reported on the run; earlier mocks stay.
       * Defaults to 1 MB.
       */
      maxMockDocumentBytes?: number;
    };
    /**
     * A live mock of each provider, generated from its current spec, that
     * services call at `/api/integration-health/v1/mock-server/<integration id>/…`.
     * Each API opts in with the annotation
     * `integration-health.io/mock-server: enabled`.
     */
    /** What telemetry observed: traces and service-graph metrics, through source modules or pushed. */
    observations?: {
      /** A source slower than this is stale for the run. Defaults to 60. */
      sourceTimeoutSeconds?: number;
      /**
       * A declared integration with no traffic seen for this many days, while
       * telemetry sees its services, is "not observed". Defaults to 14.
       */
      notObservedDays?: number;
      /** Edges not seen for this many days are forgotten. Defaults to 90. */
      retentionDays?: number;
    };
    /** Database migrations as changes to an integration. */
    schemas?: {
      /**
       * Directories (with what lies under them) that `dir:` locations of the
       * migrations and db-queries annotations may name. None by default:
       * only `url:` locations are read.
       */
      allowedDirectories?: string[];
      /** Most `.sql` files one location may hold. Defaults to 2000. */
      maxFiles?: number;
      /** Largest `.sql` file read, in bytes. Defaults to 1000000. */
      maxFileBytes?: number;
      /**
       * Longest one dry run may take, in seconds, after its worker's embedded
       * PostgreSQL has started (which takes a few seconds, once per worker).
       * Keep it below `integrationHealth.specs.workers.jobTimeoutSeconds`
       * (or its default of 30) with room for that start. Defaults to 15.
       */
      dryRunTimeoutSeconds?: number;
      /** Largest the embedded PostgreSQL of a dry run may grow, in MB. Defaults to 512. */
      dryRunMaxMemoryMb?: number;
    };
    mockServer?: {
      /** Whether any API is served. Defaults to false. */
      enabled?: boolean;
      /**
       * Requests each integration's mock answers per second (bursts up to
       * as many); more are answered 429. Defaults to 20.
       */
      requestsPerSecond?: number;
    };
    calendar?: {
      /**
       * Days consumers have to acknowledge a breaking change detected as it
       * shipped before they count as overdue. Defaults to 14.
       */
      detectedGraceDays?: number;
      /**
       * Days before an entry's date when consumers that have not
       * acknowledged are reminded. Defaults to [14, 7, 1].
       */
      reminderDays?: number[];
      /** Days a calendar feed token stays valid. Defaults to 180. */
      feedTokenDays?: number;
    };
    /**
     * Where the plugin's pages are in the app, for links in notifications
     * and calendar feeds.
     */
    links?: {
      /** The calendar page. Defaults to /integration-health/calendar. */
      calendarPath?: string;
      /**
       * An entity's page, with {namespace}, {kind} and {name}; the
       * Integrations tab is under it. Defaults to
       * /catalog/{namespace}/{kind}/{name}.
       */
      entityPath?: string;
    };
    /** Weights and windows of the freshness scores; see the README. */
    scores?: {
      contract?: {
        tiers?: {
          verifiedInProduction?: number;
          verifiedEarlierUnaffected?: number;
          verifiedEarlierWarnings?: number;
          verifiedEarlierBreaking?: number;
          staticCheckOnly?: number;
        };
        /** Days before evidence starts losing points. Defaults to 30. */
        freshDays?: number;
        /** Days over which it then falls to the floor. Defaults to 60. */
        decayDays?: number;
        /** The lowest an aged score falls to. Defaults to 20. */
        floor?: number;
      };
      mock?: {
        /** Credit of an operation with one valid mock (two give 1). Defaults to 0.75. */
        singleMockCredit?: number;
        /** Defaults to 80. */
        capAfterWarnings?: number;
        /** Defaults to 60. */
        capAfterBreaking?: number;
      };
    };
  };
}
