import { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseEvidenceSourceStore } from './EvidenceSourceStore';
import { DatabaseEvidenceStore } from './EvidenceStore';
import { DatabaseMockStore } from './MockStore';

/** The stores evidence lands in: verifications and scores, mocks, sources. */
export async function createEvidenceStores(database: DatabaseService) {
  return {
    evidenceStore: await DatabaseEvidenceStore.create({ database }),
    mockStore: await DatabaseMockStore.create({ database }),
    sourceStore: await DatabaseEvidenceSourceStore.create({ database }),
  };
}

export type EvidenceStores = Awaited<ReturnType<typeof createEvidenceStores>>;
