/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { IntegrationHealthClient } from './IntegrationHealthClient';

function clientAnswering(body: string, contentType: string) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body, {
        status: 200,
        headers: { 'Content-Type': contentType },
      }),
  );
  const client = new IntegrationHealthClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const base = 'http://backend/api/integration-health/v1/briefs';

describe('IntegrationHealthClient briefs', () => {
  it('asks for an entity brief over a window, as JSON', async () => {
    const { client, fetch } = clientAnswering(
      JSON.stringify({ title: 'payments-api' }),
      'application/json',
    );
    await expect(
      client.getBrief(
        { kind: 'entity', entityRef: 'component:default/payments-api' },
        { from: '2026-01-01', to: '2026-03-31' },
      ),
    ).resolves.toEqual({ title: 'payments-api' });
    expect(fetch).toHaveBeenCalledWith(
      `${base}?entityRef=component%3Adefault%2Fpayments-api&from=2026-01-01&to=2026-03-31&format=json`,
      { method: 'GET' },
    );
  });

  it('asks for an integration brief without a window', async () => {
    const { client, fetch } = clientAnswering('{}', 'application/json');
    await client.getBrief({ kind: 'integration', integrationId: 'int 1' });
    expect(fetch).toHaveBeenCalledWith(
      `${base}?integrationId=int+1&format=json`,
      {
        method: 'GET',
      },
    );
  });

  it('asks for the brief between two teams as Markdown and reads the text', async () => {
    const { client, fetch } = clientAnswering(
      '# ledger-engineering ↔ payments-engineering\n',
      'text/markdown',
    );
    await expect(
      client.getBriefMarkdown(
        {
          kind: 'teams',
          teamRefs: [
            'group:default/ledger-engineering',
            'group:default/payments-engineering',
          ],
        },
        { from: '2026-01-01' },
      ),
    ).resolves.toBe('# ledger-engineering ↔ payments-engineering\n');
    expect(fetch).toHaveBeenCalledWith(
      `${base}?teams=group%3Adefault%2Fledger-engineering%2Cgroup%3Adefault%2Fpayments-engineering&from=2026-01-01&format=markdown`,
      { method: 'GET', headers: { Accept: 'text/markdown' } },
    );
  });

  it('raises a failure with the server message', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'gone' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const client = new IntegrationHealthClient({
      discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
      fetchApi: { fetch: fetch as any },
    });
    const error = await client
      .getBriefMarkdown({ kind: 'entity', entityRef: 'group:default/x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('gone');
  });
});
