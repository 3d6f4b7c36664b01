import { mockServices } from '@backstage/backend-test-utils';
import {
  CATALOG_CHANGES_TOPIC,
  CatalogChangeEvent,
} from '@integration-health/plugin-integration-health-node';
import { CatalogChangeListener } from './CatalogChangeListener';
import { IncrementalSyncResult } from './IncrementalSync';

const config = {
  enabled: true,
  coalesceMs: 50,
  retryMs: 20,
  waitMs: 300,
  maxEntities: 500,
};

const done = (
  changes: CatalogChangeEvent[],
  pending: CatalogChangeEvent[] = [],
): IncrementalSyncResult => ({
  busy: false,
  pending,
  synced: changes.filter(c => !pending.includes(c)).map(c => c.entityRef),
  integrationsChanged: 0,
  specVersionsAdded: 0,
  calendarEntriesAdded: 0,
  integrationsScored: 0,
  affectedRefs: changes.filter(c => !pending.includes(c)).map(c => c.entityRef),
});

const change = (i: number): CatalogChangeEvent => ({
  entityRef: `component:default/service-${i}`,
  fingerprint: `f${i}`,
});

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}

function setup(run: (...args: any[]) => Promise<IncrementalSyncResult>) {
  const events = mockServices.events();
  const incremental = { run: jest.fn(run) };
  const fullSync = jest.fn(async () => true);
  const onSynced = jest.fn(async (_refs: string[] | 'all') => {});
  const listener = new CatalogChangeListener({
    events,
    incremental,
    fullSync,
    onSynced,
    logger: mockServices.logger.mock(),
    config,
  });
  const publish = (payload: unknown) =>
    events.publish({ topic: CATALOG_CHANGES_TOPIC, eventPayload: payload });
  return { listener, incremental, fullSync, onSynced, publish };
}

describe('CatalogChangeListener', () => {
  it('syncs changes that arrive together in one pass, the latest announcement of each entity, and tells open pages', async () => {
    const { listener, incremental, onSynced, publish } = setup(async c =>
      done(c),
    );
    await listener.start();
    await publish(change(1));
    await publish(change(2));
    await publish({ ...change(1), fingerprint: 'newer' });
    await until(() => onSynced.mock.calls.length === 1);
    expect(incremental.run).toHaveBeenCalledTimes(1);
    expect(incremental.run.mock.calls[0][0]).toEqual([
      { entityRef: 'component:default/service-1', fingerprint: 'newer' },
      change(2),
    ]);
    expect(onSynced).toHaveBeenCalledWith([
      'component:default/service-1',
      'component:default/service-2',
    ]);
    await listener.stop();
  });

  it('coalesces a burst of 1,000 changes into one full sync instead of 1,000 passes', async () => {
    const { listener, incremental, fullSync, onSynced, publish } = setup(
      async c => done(c),
    );
    await listener.start();
    for (let i = 0; i < 1000; i++) await publish(change(i));
    await until(() => onSynced.mock.calls.length === 1);
    expect(fullSync).toHaveBeenCalledTimes(1);
    expect(incremental.run).not.toHaveBeenCalled();
    expect(onSynced).toHaveBeenCalledWith('all');
    expect(listener.waiting).toBe(0);
    await listener.stop();
  });

  it('tries a change the catalog does not serve yet again, then after the wait syncs what the catalog serves', async () => {
    const { listener, incremental, publish } = setup(async (c, options) =>
      options?.acceptServed ? done(c) : done(c, c),
    );
    await listener.start();
    await publish(change(1));
    await until(() =>
      incremental.run.mock.calls.some(call => call[1]?.acceptServed),
    );
    const attempts = incremental.run.mock.calls.length;
    expect(attempts).toBeGreaterThan(2);
    await new Promise(r => setTimeout(r, 100));
    expect(incremental.run.mock.calls.length).toBe(attempts);
    expect(listener.waiting).toBe(0);
    await listener.stop();
  });

  it('ignores announcements that are not changes, and keeps a failed pass for the next one', async () => {
    let fail = true;
    const { listener, incremental, onSynced, publish } = setup(async c => {
      if (fail) {
        fail = false;
        throw new Error('catalog unavailable');
      }
      return done(c);
    });
    await listener.start();
    await publish('garbage');
    await publish({ entityRef: 42 });
    await publish({ entityRef: 'x'.repeat(5000), fingerprint: 'f' });
    await new Promise(r => setTimeout(r, 100));
    expect(incremental.run).not.toHaveBeenCalled();

    await publish(change(3));
    await until(() => onSynced.mock.calls.length === 1);
    expect(incremental.run).toHaveBeenCalledTimes(2);
    expect(onSynced).toHaveBeenCalledWith(['component:default/service-3']);
    await listener.stop();
  });
});
