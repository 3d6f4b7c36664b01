import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { createStores } from '../database/createStores';
import {
  integrationId,
  ObservedIntegration,
} from '../integrations/IntegrationStore';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { RollupService } from './RollupService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const score = (value?: number): ScoreExplanation => ({
  value,
  tier: 't',
  summary: '',
  inputs: {},
  adjustments: [],
  evidence: [],
});

const group = (name: string) => `group:default/${name}`;
const component = (n: number) => `component:default/c${n}`;
const TEAMS = ['ledger', 'intake', 'bus', 'qa-outsourced', 'gateway'].map(
  group,
);
const SYSTEMS = ['payments-core', 'ledger', 'platform', 'legacy'].map(
  s => `system:default/${s}`,
);

/** A payments platform: teams under departments, systems in domains, 40 components. */
function catalog(): CatalogSnapshot {
  const entities: CatalogSnapshot['entities'] = new Map();
  for (let n = 0; n < 40; n++) {
    entities.set(component(n), {
      ref: component(n),
      kind: 'component',
      namespace: 'default',
      ownerRef: TEAMS[n % 5],
      relations: [{ type: 'partOf', targetRef: SYSTEMS[n % 4] }],
    });
  }
  return {
    entities,
    groupRefs: new Set([
      ...TEAMS,
      group('payments'),
      group('platform'),
      group('qa'),
      group('org'),
    ]),
    parentGroupOf: new Map([
      [group('ledger'), group('payments')],
      [group('intake'), group('payments')],
      [group('gateway'), group('payments')],
      [group('bus'), group('platform')],
      [group('qa-outsourced'), group('qa')],
      [group('payments'), group('org')],
      [group('platform'), group('org')],
      [group('qa'), group('org')],
    ]),
    domainOf: new Map([
      [SYSTEMS[0], 'domain:default/money'],
      [SYSTEMS[1], 'domain:default/money'],
      [SYSTEMS[2], 'domain:default/infra'],
    ]),
  };
}

function observe(
  consumer: number,
  provider: number,
  snapshot: CatalogSnapshot,
  accountable?: string,
  apiRef?: string,
): ObservedIntegration {
  return {
    consumerRef: component(consumer),
    providerRef: component(provider),
    apiRef,
    kind: 'http',
    sources: ['consumesApi', 'providesApi'],
    consumerOwnerRef: snapshot.entities.get(component(consumer))?.ownerRef,
    providerOwnerRef: snapshot.entities.get(component(provider))?.ownerRef,
    accountableOwnerRef: accountable,
    accountableOwnerSource: accountable ? 'consumer-annotation' : undefined,
    findings: [],
  };
}

/** 80 integrations, a third with a declared owner, most with scores. */
function fixture(snapshot: CatalogSnapshot) {
  const observed = new Map<string, ObservedIntegration>();
  const scores = new Map<string, [number | undefined, number | undefined]>();
  for (let i = 0; i < 90 && observed.size < 80; i++) {
    const consumer = i % 40;
    const provider = (i * 7 + 3) % 40;
    if (consumer === provider) continue;
    const o = observe(
      consumer,
      provider,
      snapshot,
      i % 3 === 0 ? TEAMS[i % 5] : undefined,
      i % 2 === 0 ? `api:default/a${i % 10}` : undefined,
    );
    const id = integrationId(o.consumerRef, o.providerRef, o.apiRef);
    observed.set(id, o);
    if (i % 4 !== 3) {
      scores.set(id, [(i * 13) % 101, i % 5 === 0 ? undefined : (i * 7) % 101]);
    }
  }
  return { observed, scores };
}

type Side = Awaited<ReturnType<typeof side>>;

/** One database with its stores and rollup service. */
async function side(knex: Knex) {
  const stores = await createStores(mockServices.database({ knex }));
  const rollups = new RollupService({
    catalog: {} as any,
    integrationStore: stores.integrationStore,
    scoreStore: stores.scoreStore,
    rollupStore: stores.rollupStore,
  });
  return { knex, stores, rollups };
}

async function rows(knex: Knex) {
  return (await knex('rollup_snapshots').orderBy(['day', 'subject_ref'])).map(
    r => ({ ...r }),
  );
}

describe.each(databases.eachSupportedId())(
  'RollupService.snapshotChanged on %s',
  databaseId => {
    it('stores what recomputing everything stores, after each kind of change, recomputing only touched subjects', async () => {
      const incremental = await side(await databases.init(databaseId));
      const full = await side(await databases.init(databaseId));
      const both = [incremental, full];
      let snapshot = catalog();
      const { observed, scores } = fixture(snapshot);

      const setScore = async (
        id: string,
        values: [number | undefined, number | undefined],
        at: Date,
      ) => {
        for (const s of both) {
          await s.stores.scoreStore.saveScores(
            id,
            { contract: score(values[0]), mock: score(values[1]) },
            at,
          );
        }
      };
      /** One sync's writes and rollups on both sides; answers the incremental one's result. */
      const run = async (at: string) => {
        const now = new Date(at);
        for (const s of both) {
          await s.stores.integrationStore.replaceIntegrations(
            [...observed.values()],
            now,
          );
        }
        const result = await incremental.rollups.snapshotChanged(
          [...observed.values()],
          snapshot,
          now,
        );
        const all = await full.rollups.snapshotDay(
          [...observed.keys()],
          snapshot,
          now,
        );
        expect(await rows(incremental.knex)).toEqual(await rows(full.knex));
        expect(result.subjects).toBe(all.subjects);
        return result;
      };
      const spyOn = (s: Side) => ({
        saveDay: jest.spyOn(s.stores.rollupStore, 'saveDay'),
        rollupsOf: jest.spyOn(s.stores.rollupStore, 'rollupsOf'),
        getScores: jest.spyOn(s.stores.scoreStore, 'getScores'),
        getByIds: jest.spyOn(s.stores.integrationStore, 'getByIds'),
      });

      for (const [id, values] of scores) {
        await setScore(id, values, new Date('2026-12-01T07:00:00Z'));
      }
      const first = await run('2026-12-01T08:00:00Z');
      expect(first.recomputed).toBe(first.subjects);
      const subjects = first.subjects;
      expect(subjects).toBeGreaterThan(50);

      // A run where nothing changed recomputes, reads and writes nothing
      // beyond which integrations have an owner assigned in the UI.
      const spies = spyOn(incremental);
      expect(await run('2026-12-01T08:30:00Z')).toEqual({
        subjects,
        written: 0,
        recomputed: 0,
      });
      expect(spies.saveDay).not.toHaveBeenCalled();
      expect(spies.rollupsOf).not.toHaveBeenCalled();
      expect(spies.getScores).not.toHaveBeenCalled();
      expect(spies.getByIds).not.toHaveBeenCalled();
      jest.restoreAllMocks();

      // New evidence moves one integration's scores: its subjects only
      // (two entities, systems, domains and team chains at most).
      const [someId] = [...scores.keys()];
      await setScore(someId, [3, 97], new Date('2026-12-01T08:50:00Z'));
      const rescored = await run('2026-12-01T09:00:00Z');
      expect(rescored.recomputed).toBeGreaterThan(0);
      expect(rescored.recomputed).toBeLessThanOrEqual(12);

      // A new spec version moves the scores of every consumer of one API.
      for (const [id, o] of observed) {
        if (o.apiRef === 'api:default/a4') {
          await setScore(id, [10, 20], new Date('2026-12-01T09:20:00Z'));
        }
      }
      await run('2026-12-01T09:30:00Z');

      // An integration is added, with a new component; another goes.
      snapshot.entities.set(component(40), {
        ref: component(40),
        kind: 'component',
        namespace: 'default',
        ownerRef: group('qa-outsourced'),
        relations: [{ type: 'partOf', targetRef: SYSTEMS[2] }],
      });
      const added = observe(40, 1, snapshot);
      const addedId = integrationId(added.consumerRef, added.providerRef);
      observed.set(addedId, added);
      await setScore(addedId, [55, 66], new Date('2026-12-01T09:50:00Z'));
      const [goneId] = [...observed.keys()].slice(10, 11);
      observed.delete(goneId);
      const addedAndGone = await run('2026-12-01T10:00:00Z');
      expect(addedAndGone.recomputed).toBeLessThan(subjects);

      // A component changes owner: its integrations move team.
      snapshot.entities.get(component(7))!.ownerRef = group('bus');
      const number = (ref: string) => Number(ref.split('/c')[1]);
      for (const [id, o] of observed) {
        if (o.consumerRef === component(7) || o.providerRef === component(7)) {
          observed.set(
            id,
            observe(
              number(o.consumerRef),
              number(o.providerRef),
              snapshot,
              o.accountableOwnerRef,
              o.apiRef,
            ),
          );
        }
      }
      await run('2026-12-01T10:30:00Z');

      // An accountable owner is assigned in the UI to one without one.
      const [unowned] = [...observed].find(([, o]) => !o.accountableOwnerRef)!;
      for (const s of both) {
        await s.stores.integrationStore.addOwnerAssignment(
          {
            integrationId: unowned,
            ownerRef: group('qa'),
            assignedBy: 'user:default/mei',
          },
          new Date('2026-12-01T10:40:00Z'),
        );
      }
      await run('2026-12-01T11:00:00Z');

      // A team moves department, and a component moves system.
      snapshot = {
        ...snapshot,
        parentGroupOf: new Map([
          ...snapshot.parentGroupOf,
          [group('ledger'), group('platform')],
        ]),
      };
      await run('2026-12-01T11:30:00Z');
      snapshot.entities.get(component(12))!.relations = [
        { type: 'partOf', targetRef: SYSTEMS[3] },
      ];
      await run('2026-12-01T12:00:00Z');

      // The next day starts from every subject; then nothing again.
      const nextDay = await run('2026-12-02T00:10:00Z');
      expect(nextDay.recomputed).toBe(nextDay.subjects);
      expect((await run('2026-12-02T00:40:00Z')).recomputed).toBe(0);

      // A restarted backend (new stores and service) goes on from what is stored.
      const restarted = await side(incremental.knex);
      expect(
        (
          await restarted.rollups.snapshotChanged(
            [...observed.values()],
            snapshot,
            new Date('2026-12-02T01:00:00Z'),
          )
        ).recomputed,
      ).toBe(0);
    });
  },
);
