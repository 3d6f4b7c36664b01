/**
 * One scale on one database engine, in this process (so its peak RSS is
 * this scale's): the plugin and both evidence modules in a test backend with
 * the real catalog backend, fed the synthetic organisation through an entity
 * provider. Prints progress lines, then one JSON object as the last line.
 *
 *   runScale.ts --engine sqlite|pg [--components 10000] [--groups 300]
 *     [--catalog backend|double] [--samples 1] [--peer-samples 20]
 */
import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { SyncRun } from '@integration-health/plugin-integration-health-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import mockFilesModule from '@integration-health/plugin-integration-health-backend-module-mock-files';
import pactBrokerModule from '@integration-health/plugin-integration-health-backend-module-pact-broker';
import { integrationHealthPlugin } from '../../src/plugin';
import { heldTasks, round } from '../benchParts';
import { openApiDefinition, syntheticCatalog } from '../syntheticCatalog';
import { authoredCatalog } from './authoredEntities';
import { backendConfig, databaseConfig, Engine } from './benchConfig';
import { benchEntityProvider } from './benchEntityProvider';
import { catalogDouble } from './catalogDouble';
import { catalogRest } from './catalogRest';
import { planEvidence } from './evidencePlan';
import { writeMockFiles } from './mockFilesFixture';
import { startPactBrokerDouble } from './pactBrokerDouble';
import { compareBlastRadius } from './peerComparison';
import { profiled } from './cpuProfile';
import { eventsProbe, logWatch, timeAnnouncedChange } from './announcedChange';
import { readLatencies } from './readLatencies';
import {
  CatalogClock,
  timedCatalogServiceFactory,
} from './timedCatalogService';
import {
  stitchedExpectations,
  waitForEntity,
  waitUntilStitched,
} from './waitForCatalog';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Node's warnings, counted instead of printed one per line (a leak warning
 * repeats thousands of times), and summed up once at the end.
 */
function countWarnings() {
  const counts = new Map<string, number>();
  process.removeAllListeners('warning');
  process.on('warning', warning => {
    const key = `${warning.name}: ${warning.message.replace(/\d+/g, 'N')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

async function main() {
  const warnings = countWarnings();
  const engine = argument('engine', 'sqlite') as Engine;
  const components = Number(argument('components', '10000'));
  const groups = Number(argument('groups', '300'));
  const catalogKind = argument('catalog', 'backend');
  const samples = Number(argument('samples', '1'));
  const peerSamples = Number(argument('peer-samples', '20'));
  const label = `${engine} ${components / 1000}k`;
  const errors: string[] = [];

  const synthetic = syntheticCatalog({ components, groups });
  const plan = planEvidence(synthetic, { brokerPairs: 2000, files: 1000 });
  const files = await writeMockFiles(plan.filePairs);
  const broker = await startPactBrokerDouble(plan.brokerPairs);
  const authored = authoredCatalog(synthetic.entities, {
    location: `file:${files.catalogFile}`,
    annotations: plan.annotations,
  });
  say(
    `[${label}] catalog: ${authored.length} entities (${components} components, ${synthetic.apiRefs.length} APIs, ${groups} groups); evidence: ${plan.brokerPairs.length} integrations in the Pact Broker, ${files.files} mock files`,
  );

  const database = databaseConfig(engine);
  const clock = new CatalogClock();
  const tasks = heldTasks();
  const provider = benchEntityProvider();
  const probe = eventsProbe();
  const logs = logWatch();
  const double =
    catalogKind === 'double'
      ? catalogDouble(
          synthetic.entities,
          plan.annotations,
          `file:${files.catalogFile}`,
          clock,
        )
      : undefined;
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      integrationHealthPlugin,
      pactBrokerModule,
      mockFilesModule,
      ...(double
        ? [double.factory]
        : [catalogBackend, provider.module, timedCatalogServiceFactory(clock)]),
      tasks.factory,
      probe.module,
      logs.factory,
      mockServices.rootConfig.factory({
        data: backendConfig({
          engine,
          database: database.config,
          brokerUrl: broker.url,
          mockRoot: files.root,
        }),
      }),
    ],
  });
  const baseUrl = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  const rest = catalogRest(baseUrl);

  let ingestionSeconds: number | null = null;
  if (!double) {
    await provider.applyFull(authored);
    const waited = await waitUntilStitched(
      rest,
      stitchedExpectations(authored),
      { timeoutMs: 60 * 60_000, onProgress: line => say(`[${label}] ${line}`) },
    );
    ingestionSeconds = (performance.now() - started) / 1000;
    say(
      `[${label}] catalog ingestion: ${round(
        ingestionSeconds,
      )} s from backend start until every entity was stitched with its relations (${round(
        waited / 1000,
      )} s after the full mutation)`,
    );
  }

  const sync = async (what: string) => {
    clock.reset();
    const brokerBefore = broker.stats.requests;
    const start = performance.now();
    await profiled(what, () => tasks.run('integration-health-catalog-sync'));
    const seconds = (performance.now() - start) / 1000;
    const catalogSeconds = clock.ms / 1000;
    const latest = await request(backend.server)
      .get('/api/integration-health/v1/sync-runs/latest')
      .set('Authorization', 'Bearer mock-service-token');
    const run: SyncRun = latest.body;
    if (run.status !== 'succeeded') errors.push(`${what}: ${run.error}`);
    const own = seconds - catalogSeconds;
    say(
      `[${label}] ${what}: ${round(seconds)} s, of which ${round(
        own,
      )} s in the plugin and ${round(catalogSeconds)} s inside ${
        clock.calls
      } catalog calls; ${
        broker.stats.requests - brokerBefore
      } Pact Broker requests; steps (ms): ${JSON.stringify(
        run.counts?.stepMs ?? {},
      )}`,
    );
    return { run, seconds, own };
  };

  const full = await sync('full sync');
  const noop = await sync('no-op sync');

  /**
   * An API's required field is renamed (a breaking change), through the
   * provider with a delta mutation, or in the double; returns the API as the
   * catalog serves it once it serves the change.
   */
  const changeApiDefinition = async (apiRef: string): Promise<Entity> => {
    const authoredApi = authored.find(
      e => `api:default/${e.metadata.name}` === apiRef,
    )!;
    const definition = openApiDefinition(
      authoredApi.metadata.name.replace(/-api$/, ''),
      '2.0.0',
      { requiredField: 'accountRef' },
    );
    if (double) return double.changeDefinition(apiRef, definition);
    const start = performance.now();
    await provider.applyChanged([
      { ...authoredApi, spec: { ...authoredApi.spec, definition } },
    ]);
    const ref = parseEntityRef(apiRef);
    await waitForEntity(
      rest,
      ref,
      e => (e.spec as { definition: string }).definition === definition,
      10 * 60_000,
    );
    say(
      `[${label}] the catalog served the changed API ${round(
        (performance.now() - start) / 1000,
      )} s after the delta mutation`,
    );
    return (await rest.byName(ref.kind, ref.namespace, ref.name))!;
  };

  // One API changes...
  await changeApiDefinition(synthetic.apiRefs[0]);
  // And one provider publishes a new verification of one pair.
  broker.verifyAgain(plan.brokerPairs[0]);
  const one = await sync('one-change sync');
  if (one.run.counts?.specVersionsAdded !== 1) {
    errors.push(
      `one-change sync recorded ${one.run.counts?.specVersionsAdded} versions, expected 1`,
    );
  }
  if ((one.run.counts?.evidenceRecorded ?? 0) < 1) {
    errors.push(
      `one-change sync recorded ${one.run.counts?.evidenceRecorded} verifications, expected the one published`,
    );
  }

  // Another API changes the same way, and the change is announced through
  // the events service, as the plugin's catalog module announces it: the
  // incremental pass syncs it without waiting for the schedule.
  const announcedRef = synthetic.apiRefs[1];
  const served = await changeApiDefinition(announcedRef);
  const announced = await profiled('announced change', () =>
    timeAnnouncedChange({
      server: backend.server,
      events: probe.events,
      logs,
      clock,
      served,
      apiRef: announcedRef,
      timeoutMs: 120_000,
    }),
  );
  say(
    `[${label}] announced change: the incremental pass took ${round(
      announced.seconds,
    )} s from the announcement until it finished, of which ${round(
      announced.own,
    )} s in the plugin and the rest inside ${
      announced.catalogCalls
    } catalog calls`,
  );

  const reads = await readLatencies(backend.server, synthetic, {
    samples,
    errors,
  });
  // The peer needs the catalog's REST API, so only runs on the catalog backend.
  const peer = double
    ? undefined
    : {
        all: await compareBlastRadius(backend.server, rest, synthetic.apiRefs, {
          samples: peerSamples,
          errors,
        }),
        // The deepest layer's APIs: the widest blast radius.
        deep: await compareBlastRadius(
          backend.server,
          rest,
          synthetic.apiRefs.filter(
            ref => Number(ref.replace(/\D/g, '')) % 6 === 4,
          ),
          { samples: peerSamples, errors },
        ),
      };
  if (peer) {
    for (const [which, p] of Object.entries(peer)) {
      say(
        `[${label}] blast radius depth 3, ${which} APIs (${p.sample}): per-hop catalog walk ${p.peer_ms} ms (p95 ${p.peer_p95_ms}, ${p.peer_requests_per_walk} requests, ${p.peer_consumers_per_walk} consumers) vs the plugin's route ${p.ours_ms} ms (p95 ${p.ours_p95_ms}, ${p.our_consumers_per_walk} consumers): ${p.ratio}×`,
      );
    }
  }

  await backend.stop();
  await broker.close();
  await files.remove();
  await database.drop();

  const counts = full.run.counts;
  const result = {
    database: engine === 'pg' ? 'postgres' : 'sqlite',
    catalog: double ? 'double' : 'catalog-backend',
    entities: authored.length,
    integrations: counts?.integrations,
    evidence_integrations: counts?.integrationsScored,
    mock_documents: counts?.mockDocuments,
    catalog_ingestion_s: ingestionSeconds && round(ingestionSeconds),
    full_sync_s: round(full.seconds),
    noop_sync_s: round(noop.seconds),
    one_change_sync_s: round(one.seconds),
    full_sync_plugin_s: round(full.own),
    noop_sync_plugin_s: round(noop.own),
    one_change_sync_plugin_s: round(one.own),
    announced_change_s: round(announced.seconds),
    announced_change_plugin_s: round(announced.own),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...reads,
    peer_blast_radius_ms: peer?.all.peer_ms ?? null,
    our_blast_radius_ms: peer?.all.ours_ms ?? null,
    blast_radius_ratio: peer?.all.ratio ?? null,
    peer_blast_radius_deep_ms: peer?.deep.peer_ms ?? null,
    our_blast_radius_deep_ms: peer?.deep.ours_ms ?? null,
    blast_radius_ratio_deep: peer?.deep.ratio ?? null,
    errors: errors.length,
  };
  for (const [warning, count] of warnings) {
    say(`[${label}] node warning ×${count}: ${warning}`);
  }
  for (const error of errors.slice(0, 10)) say(`[${label}] error: ${error}`);
  say(JSON.stringify(result));
  process.exit(errors.length === 0 ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(2);
});
