import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGES_TOPIC,
  catalogChangeFingerprint,
} from '@integration-health/plugin-integration-health-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { CatalogClock } from './timedCatalogService';

/**
 * The events service as the plugin sees it, for announcing a catalog change
 * the way the plugin's catalog module does.
 */
export function eventsProbe() {
  let events: EventsService | undefined;
  return {
    module: createBackendModule({
      pluginId: 'integration-health',
      moduleId: 'bench-events',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init(deps) {
            events = deps.events;
          },
        });
      },
    }),
    get events(): EventsService {
      if (!events) throw new Error('the test backend has not started');
      return events;
    },
  };
}

/**
 * The backend's root logger, printing nothing, that tells when a message is
 * logged (the incremental pass logs one when it has finished).
 */
export function logWatch() {
  const waiters: { message: string; resolve: () => void }[] = [];
  const logger = (): LoggerService => ({
    info(message: string) {
      for (const waiter of waiters.filter(w => w.message === message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    warn() {},
    error() {},
    debug() {},
    child: () => logger(),
  });
  return {
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => logger(),
    }),
    /** Resolves the next time `message` is logged at info level. */
    next(message: string): Promise<void> {
      return new Promise(resolve => waiters.push({ message, resolve }));
    },
  };
}

async function versionCount(server: Server, apiRef: string) {
  const { namespace, name } = parseEntityRef(apiRef);
  const response = await request(server)
    .get(
      `/api/integration-health/v1/entities/api/${namespace}/${name}/spec-versions`,
    )
    .set('Authorization', 'Bearer mock-service-token');
  return (response.body.versions ?? []).length as number;
}

/**
 * Announces that an API the catalog already serves with a new definition
 * changed, and times the incremental pass it starts until it has finished
 * (catalog read of the entity and its neighbours, integrations, spec
 * history, calendar, scores and mock-refresh notices); then checks that the
 * new spec version can be read.
 */
export async function timeAnnouncedChange(options: {
  server: Server;
  events: EventsService;
  logs: ReturnType<typeof logWatch>;
  clock: CatalogClock;
  served: Entity;
  apiRef: string;
  timeoutMs: number;
}): Promise<{ seconds: number; own: number; catalogCalls: number }> {
  const { server, events, logs, clock, served, apiRef, timeoutMs } = options;
  const before = await versionCount(server, apiRef);
  const finished = logs.next('Integration sync of changed entities finished');
  clock.reset();
  const start = performance.now();
  await events.publish({
    topic: CATALOG_CHANGES_TOPIC,
    eventPayload: {
      entityRef: apiRef,
      fingerprint: catalogChangeFingerprint(served),
    },
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    finished,
    new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `the announced change to ${apiRef} was not synced within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const seconds = (performance.now() - start) / 1000;
  const result = {
    seconds,
    own: seconds - clock.ms / 1000,
    catalogCalls: clock.calls,
  };
  if ((await versionCount(server, apiRef)) <= before) {
    throw new Error(
      `the incremental pass finished without a new spec version of ${apiRef}`,
    );
  }
  return result;
}
