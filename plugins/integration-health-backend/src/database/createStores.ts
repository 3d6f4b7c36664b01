import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CalendarStore,
  DatabaseCalendarStore,
} from '../calendar/CalendarStore';
import {
  DatabaseFeedTokenStore,
  FeedTokenStore,
} from '../calendar/ical/FeedTokenStore';
import {
  DatabaseEvidenceSourceStore,
  EvidenceSourceStore,
} from '../evidence/EvidenceSourceStore';
import {
  DatabaseEvidenceStore,
  EvidenceStore,
} from '../evidence/EvidenceStore';
import { DatabaseMockStore, MockStore } from '../evidence/MockStore';
import {
  DatabaseMockRefreshStore,
  MockRefreshStore,
} from '../evidence/MockRefreshStore';
import { DatabaseScoreStore, ScoreStore } from '../evidence/scores/ScoreStore';
import {
  DatabaseIncidentStore,
  IncidentStore,
} from '../incidents/IncidentStore';
import {
  DatabaseIntegrationStore,
  IntegrationStore,
} from '../integrations/IntegrationStore';
import {
  DatabaseSyncRunStore,
  SyncRunStore,
} from '../integrations/SyncRunStore';
import { DatabaseRollupStore, RollupStore } from '../scorecard/RollupStore';
import { DatabaseSpecStore, SpecStore } from '../specs/SpecStore';
import { ObservationStore } from '../observations/ObservationStore';
import { ObservationCountStore } from '../observations/ObservationCountStore';
import { IntegrationTrafficStore } from '../observations/IntegrationTrafficStore';
import { SchemaStore } from '../schemas/SchemaStore';
import { migrateDatabase } from './migrateDatabase';

/** Every store of the plugin, one per feature's tables. */
export type IntegrationHealthStores = {
  integrationStore: IntegrationStore;
  syncRunStore: SyncRunStore;
  specStore: SpecStore;
  evidenceStore: EvidenceStore;
  scoreStore: ScoreStore;
  mockStore: MockStore;
  mockRefreshStore: MockRefreshStore;
  sourceStore: EvidenceSourceStore;
  rollupStore: RollupStore;
  calendarStore: CalendarStore;
  feedTokenStore: FeedTokenStore;
  incidentStore: IncidentStore;
  observationStore: ObservationStore;
  observationCountStore: ObservationCountStore;
  integrationTrafficStore: IntegrationTrafficStore;
  schemaStore: SchemaStore;
  observationSourceStore: EvidenceSourceStore;
};

/**
 * Migrates the plugin's database once (unless config says to skip) and
 * creates the stores on it.
 */
export async function createStores(
  database: DatabaseService,
): Promise<IntegrationHealthStores> {
  const db = await migrateDatabase(database);
  return {
    integrationStore: new DatabaseIntegrationStore(db),
    syncRunStore: new DatabaseSyncRunStore(db),
    specStore: new DatabaseSpecStore(db),
    evidenceStore: new DatabaseEvidenceStore(db),
    scoreStore: new DatabaseScoreStore(db),
    mockStore: new DatabaseMockStore(db),
    mockRefreshStore: new DatabaseMockRefreshStore(db),
    sourceStore: new DatabaseEvidenceSourceStore(db),
    rollupStore: new DatabaseRollupStore(db),
    calendarStore: new DatabaseCalendarStore(db),
    feedTokenStore: new DatabaseFeedTokenStore(db),
    incidentStore: new DatabaseIncidentStore(db),
    observationStore: new ObservationStore(db),
    observationCountStore: new ObservationCountStore(db),
    integrationTrafficStore: new IntegrationTrafficStore(db),
    schemaStore: new SchemaStore(db),
    observationSourceStore: new DatabaseEvidenceSourceStore(
      db,
      'observation_sources',
    ),
  };
}
