/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { IntegrationHealthClient } from './IntegrationHealthClient';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        statusText: status === 500 ? 'Internal Server Error' : 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new IntegrationHealthClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('IntegrationHealthClient', () => {
  it('asks for an entity by kind, namespace and name, encoded', async () => {
    const { client, fetch } = clientAnswering(200, {
      entityRef: 'x',
      upstream: [],
      downstream: [],
    });
    await client.getEntityIntegrations('component:default/svc with space');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/integration-health/v1/entities/component/default/svc%20with%20space/integrations',
      { method: 'GET' },
    );
  });

  it("reads a database resource's schema history", async () => {
    const schema = {
      resourceRef: 'resource:default/transactions-db',
      migrations: [],
      consumers: [],
    };
    const { client, fetch } = clientAnswering(200, schema);
    await expect(
      client.getResourceSchema('resource:default/transactions-db'),
    ).resolves.toEqual(schema);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/integration-health/v1/entities/resource/default/transactions-db/schema',
      { method: 'GET' },
    );
  });

  it("reads an entity's observed edges as the server sends them", async () => {
    const observed = {
      entityRef: 'component:default/transaction-validation',
      telemetryNames: ['transaction-validation'],
      sources: [],
      edges: [
        {
          status: 'undeclared',
          direction: 'incoming',
          counterpartRef: 'component:default/qa-mock-server',
          connectionType: '',
          calls: 12,
          sources: ['jaeger'],
          reason: 'not declared',
        },
      ],
    };
    const { client, fetch } = clientAnswering(200, observed);
    await expect(
      client.getEntityObservations('component:default/transaction-validation'),
    ).resolves.toEqual(observed);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/integration-health/v1/entities/component/default/transaction-validation/observed',
      { method: 'GET' },
    );
  });

  it('sends an assignment as JSON, and a cleared one as null', async () => {
    const { client, fetch } = clientAnswering(200, { id: 'abc' });
    await client.assignAccountableOwner('abc', 'group:default/ledger', 'ours');
    await client.assignAccountableOwner('abc', undefined);
    expect(
      fetch.mock.calls.map(([url, init]: any[]) => [
        url,
        init.method,
        init.body,
      ]),
    ).toEqual([
      [
        'http://backend/api/integration-health/v1/integrations/abc/accountable-owner',
        'PUT',
        '{"ownerRef":"group:default/ledger","note":"ours"}',
      ],
      [
        'http://backend/api/integration-health/v1/integrations/abc/accountable-owner',
        'PUT',
        '{"ownerRef":null}',
      ],
    ]);
  });

  it('turns a 404 for the latest run into "no run yet"', async () => {
    const { client } = clientAnswering(404, {
      error: { name: 'NotFoundError', message: 'The sync job has not run yet' },
    });
    await expect(client.getLatestSyncRun()).resolves.toBeUndefined();
  });

  it('raises other failures with the server message', async () => {
    const { client } = clientAnswering(500, {
      error: { name: 'Error', message: 'database is locked' },
      response: { statusCode: 500 },
    });
    const error = await client
      .getEntityIntegrations('component:default/a')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toBe('Request failed with 500 Internal Server Error');
    expect(error.cause.message).toBe('database is locked');
  });
});
