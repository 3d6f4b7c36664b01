import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from './cli';

/** Answers the two routes the command calls, as the portal would. */
const requests: { url: string; authorization?: string }[] = [];
const integration = (apiRef: string, kind: string) => ({
  id: `id-${apiRef.split('/')[1]}`,
  consumerRef: 'component:default/ledger',
  providerRef: 'component:default/processing',
  apiRef,
  kind,
});
const server = http.createServer((req, res) => {
  requests.push({ url: req.url!, authorization: req.headers.authorization });
  const json = (status: number, body: unknown) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json' })
      .end(JSON.stringify(body));
  if (
    req.url ===
    '/api/integration-health/v1/entities/component/default/ledger/integrations'
  ) {
    json(200, {
      entityRef: 'component:default/ledger',
      upstream: [
        integration('api:default/transaction-events', 'event'),
        integration('api:default/booking-api', 'http'),
        { ...integration('api:default/other', 'http'), providerRef: 'x' },
      ],
      downstream: [],
    });
    return;
  }
  const generated =
    /^\/api\/integration-health\/v1\/integrations\/([^/]+)\/generated-mocks\?format=(\w+)$/.exec(
      req.url!,
    );
  if (generated) {
    json(200, {
      format: generated[2],
      // A hostile name must not leave the output folder.
      fileName: `../../ledger-${generated[1]}-2.0.0.${generated[2]}.json`,
      specVersion: '2.0.0',
      operations: ['channel transactions.booked'],
      stubs: ['channel transactions.booked', 'channel transactions.settled'],
      content: { generatedFor: generated[1] },
    });
    return;
  }
  json(404, { error: { message: `No route ${req.url}` } });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['mocks', ...argv],
    { BACKSTAGE_URL: url, BACKSTAGE_TOKEN: 'ci-token', ...env },
    l => out.push(l),
    l => err.push(l),
  );
  return { code, out, err };
}

describe('integration-health-check mocks', () => {
  it("writes the consumer's generated mocks of each API of the provider, in the format each API suits", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    const folder = path.join(dir, 'mocks');
    const result = await run([
      '--consumer',
      'ledger',
      '--provider',
      'processing',
      '--out',
      folder,
    ]);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(folder).sort()).toEqual([
      'ledger-id-booking-api-2.0.0.wiremock.json',
      'ledger-id-transaction-events-2.0.0.pact.json',
    ]);
    expect(
      JSON.parse(
        fs.readFileSync(
          path.join(folder, 'ledger-id-transaction-events-2.0.0.pact.json'),
          'utf8',
        ),
      ),
    ).toEqual({ generatedFor: 'id-transaction-events' });
    expect(result.out).toEqual([
      `${folder}/ledger-id-transaction-events-2.0.0.pact.json: 2 stubs for 1 operations of api:default/transaction-events, made from 2.0.0`,
      `${folder}/ledger-id-booking-api-2.0.0.wiremock.json: 2 stubs for 1 operations of api:default/booking-api, made from 2.0.0`,
    ]);
    expect(requests.every(r => r.authorization === 'Bearer ci-token')).toBe(
      true,
    );
  });

  it('takes one API and a format when asked', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mocks-'));
    const result = await run([
      '--consumer',
      'component:default/ledger',
      '--provider',
      'processing',
      '--api',
      'booking-api',
      '--format',
      'pact',
      '--out',
      folder,
    ]);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual([
      'ledger-id-booking-api-2.0.0.pact.json',
    ]);
  });

  it('exits 2 saying why when nothing matches, the command line is wrong, or the token is on it', async () => {
    const none = await run(['--consumer', 'ledger', '--provider', 'nobody']);
    expect(none).toMatchObject({
      code: 2,
      err: [
        'component:default/ledger uses no API of component:default/nobody in the catalog',
      ],
    });
    const missing = await run(['--consumer', 'ledger']);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('--consumer and --provider are required');
    const format = await run([
      '--consumer',
      'ledger',
      '--provider',
      'processing',
      '--format',
      'har',
    ]);
    expect(format.err[0]).toContain('--format is wiremock or pact');
    const token = await run([
      '--consumer',
      'ledger',
      '--provider',
      'processing',
      '--token',
      'x',
    ]);
    expect(token.err[0]).toContain('pass the token in BACKSTAGE_TOKEN');
    const unknown = await run(['--consumer', 'nobody', '--provider', 'x']);
    expect(unknown.err).toEqual([
      'The portal refused the integrations of component:default/nobody (404): No route /api/integration-health/v1/entities/component/default/nobody/integrations',
    ]);
  });
});
