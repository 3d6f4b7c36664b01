import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SpecChange } from '@integration-health/plugin-integration-health-common';
import { Knex } from 'knex';
import { createStores } from '../database/createStores';
import { SpecStore } from '../specs/SpecStore';
import { CalendarService } from './CalendarService';
import { DetectedEntry } from './CalendarStore';
import { detectedEntries } from './detectedEntries';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

const change = (version: number, n: number, sunset?: string): SpecChange => ({
  ruleId: sunset ? 'deprecated-operation' : 'removed-operation',
  level: sunset ? 'info' : 'breaking',
  location: `DELETE /v${version}/things/${n}`,
  pointer: `/paths/~1v${version}~1things~1${n}/delete`,
  message: `DELETE /v${version}/things/${n} went away`,
  fingerprint: `${version}-${n}`,
  ...(sunset ? { sunset } : {}),
});

/** Records `count` versions of one API, each with `perVersion` breaking changes and one sunset. */
async function recordVersions(
  specStore: SpecStore,
  apiRef: string,
  from: number,
  count: number,
  perVersion: number,
) {
  let previous = (await specStore.getStates([apiRef])).get(
    apiRef,
  )?.currentVersionId;
  for (let v = from; v < from + count; v++) {
    const { id } = await specStore.recordVersion({
      apiRef,
      definition: `version ${v}`,
      contentHash: `${apiRef}-${v}`,
      versionLabel: `1.${v}.0`,
      observedAt: new Date(Date.UTC(2026, 10, 1) + v * 60_000),
      source: 'catalog',
      previousVersionId: previous,
      changes: [
        ...Array.from({ length: perVersion }, (_, n) => change(v, n)),
        change(v, perVersion, '2027-03-01'),
      ],
    });
    previous = id;
  }
}

async function storedEntries(knex: Knex): Promise<DetectedEntry[]> {
  const rows = await knex('calendar_entries')
    .where('origin', 'detected')
    .select('source_key', 'api_ref', 'title', 'changes', 'effective_at');
  return rows
    .map(r => ({
      sourceKey: r.source_key,
      apiRef: r.api_ref,
      title: r.title,
      changes: JSON.parse(r.changes),
      effectiveAt: new Date(r.effective_at).toISOString(),
    }))
    .sort((a, b) => a.sourceKey.localeCompare(b.sourceKey));
}

async function calendarOn(knex: Knex, detectPageSize?: number) {
  const stores = await createStores(mockServices.database({ knex }));
  const service = new CalendarService({
    ...({} as any),
    // Detection asks no permission; the service wants rulesets all the same.
    integrationRuleset: { getRuleByName: () => undefined } as any,
    apiRuleset: { getRuleByName: () => undefined } as any,
    specStore: stores.specStore,
    calendarStore: stores.calendarStore,
    detectedGraceDays: 14,
    detectPageSize,
  });
  return { stores, service };
}

describe.each(databases.eachSupportedId())(
  'putting new spec versions on the calendar, on %s',
  databaseId => {
    it('takes in a history of more than 10,000 breaking changes, page by page, as the whole history gives them', async () => {
      const knex = await databases.init(databaseId);
      const { stores, service } = await calendarOn(knex, 7);
      // 2 APIs × 26 versions × 200 breaking changes = 10,400, plus a sunset each.
      await recordVersions(stores.specStore, 'api:default/ledger', 0, 26, 200);
      await recordVersions(stores.specStore, 'api:default/intake', 0, 26, 200);
      const created: string[] = [];
      service.onChange(async e => {
        created.push(e.entryId);
      });
      const reads = jest.spyOn(stores.specStore, 'listBreakingChangesOf');

      expect(await service.addDetected(new Date('2026-12-01T00:00:00Z'))).toBe(
        104,
      );
      expect(created).toHaveLength(104);
      // 52 versions in pages of 7: 8 pages, none bigger than a page.
      expect(reads).toHaveBeenCalledTimes(8);
      for (const [ids] of reads.mock.calls) {
        expect(ids.length).toBeLessThanOrEqual(7);
      }
      const whole = detectedEntries(
        await stores.specStore.listBreakingChanges('all', 1_000_000),
      );
      // The whole-history query leaves the order of one version's changes
      // to the database; detection keeps the order they were recorded in.
      const byFingerprint = (e: DetectedEntry): DetectedEntry => ({
        ...e,
        changes: [...e.changes].sort((a, b) =>
          (a.fingerprint ?? '').localeCompare(b.fingerprint ?? ''),
        ),
      });
      const expected = whole
        .map(byFingerprint)
        .sort((a, b) => a.sourceKey.localeCompare(b.sourceKey));
      const stored = await storedEntries(knex);
      expect(stored.map(byFingerprint)).toEqual(expected);
      expect(stored.flatMap(e => e.changes)).toHaveLength(52 * 201);
    });

    it('reads only the versions recorded since the last run, also after a restart, and adds each entry once', async () => {
      const knex = await databases.init(databaseId);
      const first = await calendarOn(knex);
      await recordVersions(
        first.stores.specStore,
        'api:default/ledger',
        0,
        3,
        2,
      );
      expect(await first.service.addDetected(new Date('2026-12-01'))).toBe(6);

      // Nothing new: nothing is read.
      const reads = jest.spyOn(first.stores.specStore, 'listBreakingChangesOf');
      expect(await first.service.addDetected(new Date('2026-12-02'))).toBe(0);
      expect(reads).not.toHaveBeenCalled();

      // A restarted backend (new stores and service) goes on from the marks.
      const restarted = await calendarOn(knex);
      const before = (
        await restarted.stores.specStore.getStates(['api:default/ledger'])
      ).get('api:default/ledger')!.currentVersionId!;
      await recordVersions(
        restarted.stores.specStore,
        'api:default/ledger',
        3,
        1,
        2,
      );
      const after = (
        await restarted.stores.specStore.getStates(['api:default/ledger'])
      ).get('api:default/ledger')!.currentVersionId!;
      expect(after).not.toBe(before);
      const newReads = jest.spyOn(
        restarted.stores.specStore,
        'listBreakingChangesOf',
      );
      expect(await restarted.service.addDetected(new Date('2026-12-03'))).toBe(
        2,
      );
      expect(newReads.mock.calls).toEqual([[[after]]]);

      // A run that stopped before marking (or a replica at the same time)
      // reads those versions again and adds nothing twice.
      await knex('spec_versions').update({ calendar_checked_at: null });
      expect(await restarted.service.addDetected(new Date('2026-12-04'))).toBe(
        0,
      );
      expect(await storedEntries(knex)).toHaveLength(8);
    });
  },
);
