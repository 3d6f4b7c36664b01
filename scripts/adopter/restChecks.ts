import fs from 'node:fs';
import path from 'node:path';

/** The entities of integration-health-example.yaml that the checks look for. */
export const EXAMPLE = {
  consumer: 'component:default/adopter-checkout-service',
  provider: 'component:default/adopter-payments-service',
  api: 'api:default/adopter-payments-api',
  resource: 'resource:default/adopter-checkout-db',
  consumerOwner: 'group:default/adopter-checkout',
  providerOwner: 'group:default/adopter-payments',
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Waits until the backend says it is ready. */
export async function waitForReadiness(
  baseUrl: string,
  timeoutMs: number,
  stillRunning: () => boolean,
) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!stillRunning()) throw new Error('the backend exited');
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(1000);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s: ${last}`);
}

/** A guest's Backstage token, as the sign-in page gets it. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(
      `guest sign-in answered ${res.status}: ${await res.text()}`,
    );
  }
  const token = (await res.json())?.backstageIdentity?.token;
  if (!token) throw new Error('guest sign-in returned no Backstage token');
  return token;
}

type Api = <T = any>(route: string) => Promise<{ status: number; body: T }>;

function client(baseUrl: string, token: string, artifacts: string): Api {
  return async route => {
    const res = await fetch(`${baseUrl}/api/integration-health${route}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON; kept as text
    }
    const name = route.replace(/^\/v1\//, '').replace(/[^a-z0-9]+/gi, '-');
    fs.writeFileSync(
      path.join(artifacts, `${name}.json`),
      `${JSON.stringify({ route, status: res.status, body }, null, 2)}\n`,
    );
    return { status: res.status, body };
  };
}

const entityPath = (ref: string) => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/v1/entities/${kind}/${namespace}/${name}`;
};

/**
 * Waits for a sync that has seen the example catalog: the consumer's
 * integration with the provider through the API.
 */
export async function waitForFirstSync(options: {
  baseUrl: string;
  token: string;
  artifacts: string;
  timeoutMs: number;
}) {
  const api = client(options.baseUrl, options.token, options.artifacts);
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const run = await api('/v1/sync-runs/latest');
    const integrations = await api(
      `${entityPath(EXAMPLE.consumer)}/integrations`,
    );
    const found = integrations.body?.upstream?.some?.(
      (i: any) => i.providerRef === EXAMPLE.provider,
    );
    // Its scores and the scorecard's snapshot come at the end of the run.
    if (
      found &&
      run.body?.status === 'succeeded' &&
      run.body.counts?.integrations > 0
    ) {
      return;
    }
    last = `sync-runs/latest ${run.status} ${
      run.body?.status ?? ''
    }, integrations ${integrations.status}`;
    await sleep(2000);
  }
  throw new Error(
    `no integration ${EXAMPLE.consumer} → ${EXAMPLE.provider} after ${
      options.timeoutMs / 1000
    } s (${last})`,
  );
}

function expectEqual(what: string, actual: unknown, expected: unknown) {
  if (actual !== expected) {
    throw new Error(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(
        actual,
      )}`,
    );
  }
}

/** The REST routes an adopter's frontend uses, with a guest's token. */
export async function checkRestApi(options: {
  baseUrl: string;
  token: string;
  artifacts: string;
}): Promise<string[]> {
  const api = client(options.baseUrl, options.token, options.artifacts);
  const checked: string[] = [];

  const run = await api('/v1/sync-runs/latest');
  expectEqual('GET /v1/sync-runs/latest status', run.status, 200);
  expectEqual('latest sync run', run.body.status, 'succeeded');
  checked.push(
    `sync run ${run.body.status}: ${run.body.counts?.entitiesRead} entities read, ${run.body.counts?.integrations} integrations`,
  );

  const consumer = await api(`${entityPath(EXAMPLE.consumer)}/integrations`);
  expectEqual('GET consumer integrations status', consumer.status, 200);
  const viaApi = consumer.body.upstream.find(
    (i: any) => i.providerRef === EXAMPLE.provider,
  );
  if (!viaApi)
    throw new Error(`no upstream integration with ${EXAMPLE.provider}`);
  expectEqual('integration API', viaApi.apiRef, EXAMPLE.api);
  expectEqual('integration kind', viaApi.kind, 'http');
  expectEqual('consumer owner', viaApi.consumerOwnerRef, EXAMPLE.consumerOwner);
  expectEqual('provider owner', viaApi.providerOwnerRef, EXAMPLE.providerOwner);
  expectEqual(
    'accountable owner (annotation on the consumer)',
    viaApi.accountableOwnerRef,
    EXAMPLE.providerOwner,
  );
  checked.push(
    `${EXAMPLE.consumer} → ${EXAMPLE.provider} through ${EXAMPLE.api} (${viaApi.kind}), owners ${viaApi.consumerOwnerRef} / ${viaApi.providerOwnerRef}, accountable ${viaApi.accountableOwnerRef}`,
  );
  const database = consumer.body.upstream.find(
    (i: any) => i.providerRef === EXAMPLE.resource,
  );
  if (!database)
    throw new Error(`no upstream integration with ${EXAMPLE.resource}`);
  expectEqual('dependsOn integration kind', database.kind, 'database');
  checked.push(`${EXAMPLE.consumer} → ${EXAMPLE.resource} (${database.kind})`);

  const provider = await api(`${entityPath(EXAMPLE.provider)}/integrations`);
  expectEqual('GET provider integrations status', provider.status, 200);
  if (
    !provider.body.downstream.some(
      (i: any) => i.consumerRef === EXAMPLE.consumer,
    )
  ) {
    throw new Error(
      `${EXAMPLE.provider} has no downstream ${EXAMPLE.consumer}`,
    );
  }
  checked.push(`${EXAMPLE.provider} lists ${EXAMPLE.consumer} downstream`);

  // The API's definition is read and parsed (in the spec workers) on sync.
  const apiErrors = (run.body.entityErrors ?? []).filter(
    (e: any) => e.entityRef === EXAMPLE.api,
  );
  if (apiErrors.length > 0) {
    throw new Error(
      `the sync run has errors on ${EXAMPLE.api}: ${JSON.stringify(apiErrors)}`,
    );
  }
  const specs = await api(`${entityPath(EXAMPLE.api)}/spec-versions`);
  expectEqual('GET spec-versions status', specs.status, 200);
  if (!(specs.body.versions?.length > 0)) {
    throw new Error(`no spec version recorded for ${EXAMPLE.api}`);
  }
  checked.push(
    `${EXAMPLE.api}: ${specs.body.versions.length} spec version(s) recorded`,
  );

  const calendar = await api('/v1/calendar');
  expectEqual('GET /v1/calendar status', calendar.status, 200);
  if (!Array.isArray(calendar.body.items)) {
    throw new Error('GET /v1/calendar has no items array');
  }
  checked.push(`calendar: ${calendar.body.items.length} entries`);

  const scorecard = await api('/v1/scorecard?kind=team');
  expectEqual('GET /v1/scorecard status', scorecard.status, 200);
  const teams = (scorecard.body.rows ?? []).map((r: any) => r.ref);
  for (const team of [EXAMPLE.consumerOwner, EXAMPLE.providerOwner]) {
    if (!teams.includes(team)) {
      throw new Error(
        `the scorecard has no row for ${team} (rows: ${teams.join(', ')})`,
      );
    }
  }
  checked.push(`scorecard of ${scorecard.body.day}: ${teams.join(', ')}`);
  return checked;
}
