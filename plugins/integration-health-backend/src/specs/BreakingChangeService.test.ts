import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { entity } from '../testUtils/entities';
import { BreakingChangeService } from './BreakingChangeService';
import { createStores } from '../database/createStores';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const EVENTS = 'api:default/transaction-events';
const LEDGER = 'component:default/ledger';
const PROCESSING = 'component:default/processing';

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex });
  const integrationStore = (await createStores(database)).integrationStore;
  const specStore = (await createStores(database)).specStore;
  await integrationStore.replaceIntegrations(
    [
      {
        consumerRef: LEDGER,
        providerRef: PROCESSING,
        apiRef: EVENTS,
        kind: 'event',
        sources: ['consumesApi', 'providesApi'],
        consumerOwnerRef: 'group:default/ledger',
        findings: [],
      },
    ],
    new Date(),
  );
  const base = {
    apiRef: EVENTS,
    source: 'seed' as const,
    definition: 'x',
    format: 'asyncapi-2',
  };
  const { id: first } = await specStore.recordVersion({
    ...base,
    contentHash: 'a'.repeat(64),
    versionLabel: '1.0.0',
    observedAt: new Date('2026-02-09T09:00:00Z'),
    changes: [],
  });
  await specStore.recordVersion({
    ...base,
    contentHash: 'b'.repeat(64),
    versionLabel: '2.0.0',
    observedAt: new Date('2026-11-02T09:00:00Z'),
    previousVersionId: first,
    changes: [
      {
        ruleId: 'response-required-property-removed',
        level: 'breaking',
        location: 'channel transactions.booked (subscribe)',
        pointer: '/components/schemas/TransactionBooked',
        message:
          "message TransactionBooked payload property 'accountId': required property removed",
        fingerprint: 'f-accountid',
      },
      {
        ruleId: 'response-optional-property-added',
        level: 'info',
        location: 'channel transactions.booked (subscribe)',
        pointer: '/components/schemas/TransactionBooked',
        message: 'optional property added',
        fingerprint: 'f-merchant',
      },
    ],
  });
  const catalog = catalogServiceMock({
    entities: [
      entity(EVENTS, { type: 'asyncapi' }),
      entity(LEDGER),
      entity(PROCESSING),
    ],
  });
  return new BreakingChangeService({ catalog, integrationStore, specStore });
}

describe('BreakingChangeService', () => {
  const expected = {
    apiRef: EVENTS,
    versionLabel: '2.0.0',
    detectedAt: '2026-11-02T09:00:00.000Z',
    effectiveAt: '2026-11-02T09:00:00.000Z',
    ruleId: 'response-required-property-removed',
    fingerprint: 'f-accountid',
    consumers: [
      {
        consumerRef: LEDGER,
        integrationId: expect.any(String),
        consumerOwnerRef: 'group:default/ledger',
      },
    ],
  };

  it("lists an API's breaking changes with the consumers they reach, and leaves out the rest", async () => {
    const changes = await (
      await setup()
    ).forEntity(EVENTS, mockCredentials.user());
    expect(changes).toEqual([expect.objectContaining(expected)]);
  });

  it('lists, for a consumer, the breaking changes in the APIs it consumes', async () => {
    const service = await setup();
    expect(await service.forEntity(LEDGER, mockCredentials.user())).toEqual([
      expect.objectContaining(expected),
    ]);
    expect(await service.forEntity(PROCESSING, mockCredentials.user())).toEqual(
      [],
    );
  });

  it('refuses an entity the caller cannot see', async () => {
    const service = await setup();
    await expect(
      service.forEntity('component:default/secret', mockCredentials.user()),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});
