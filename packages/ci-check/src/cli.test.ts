import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from './cli';

/** Answers like the portal's check route would, as each test sets it. */
let answer: { status: number; body: string } = { status: 200, body: '{}' };
let received: { authorization?: string; body: any } | undefined;
let url = '';
const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', chunk => (data += chunk));
  req.on('end', () => {
    received = {
      authorization: req.headers.authorization,
      body: JSON.parse(data),
    };
    res
      .writeHead(answer.status, { 'Content-Type': 'application/json' })
      .end(answer.body);
  });
});
beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-check-'));
const spec = path.join(dir, 'events.yaml');
fs.writeFileSync(
  spec,
  'asyncapi: 2.6.0\ninfo: { title: events, version: 2.0.0 }\nchannels: {}\n',
);

const result = (passed: boolean) => ({
  apiRef: 'api:default/transaction-events',
  baseVersion: '1.0.0',
  candidateVersion: '2.0.0',
  summary: { breaking: 1, warning: 0, info: 0 },
  breaking: [
    {
      ruleId: 'message-payload-required-property-removed',
      location: 'channel transactions.booked (subscribe)',
      message: "payload property 'accountId': required property removed",
      consumers: [
        {
          consumerRef: 'component:default/account-management-legacy',
          consumerOwnerRef: 'group:default/ledger-engineering',
          acknowledged: passed,
        },
      ],
    },
  ],
  unacknowledged: passed ? 0 : 1,
  passed,
});

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    { BACKSTAGE_URL: url, BACKSTAGE_TOKEN: 'ci-token', ...env },
    l => out.push(l),
    l => err.push(l),
  );
  return { code, out, err };
}

describe('integration-health-check', () => {
  it('exits 1 and names the consumer while it has not acknowledged, 0 once it has', async () => {
    answer = { status: 200, body: JSON.stringify(result(false)) };
    const before = await run([
      '--api',
      'api:default/transaction-events',
      '--spec',
      spec,
    ]);
    expect(before.code).toBe(1);
    expect(before.out).toEqual([
      'api:default/transaction-events 1.0.0 → 2.0.0: 1 breaking, 0 warning, 0 info',
      "BREAKING channel transactions.booked (subscribe): payload property 'accountId': required property removed [message-payload-required-property-removed]",
      '  ✗ component:default/account-management-legacy (group:default/ledger-engineering) has not acknowledged',
      expect.stringMatching(/^FAIL: 1 breaking change × consumer pair/),
    ]);
    expect(received).toEqual({
      authorization: 'Bearer ci-token',
      body: {
        apiRef: 'api:default/transaction-events',
        spec: fs.readFileSync(spec, 'utf8'),
      },
    });

    answer = { status: 200, body: JSON.stringify(result(true)) };
    const after = await run([
      '--api',
      'api:default/transaction-events',
      '--spec',
      spec,
      '--announce',
      '2026-12-15',
    ]);
    expect(after.code).toBe(0);
    expect(after.out.at(-1)).toBe(
      'PASS: no unacknowledged breaking change reaches a consumer.',
    );
    expect(received?.body.announce).toEqual({
      effectiveAt: '2026-12-15T00:00:00.000Z',
    });
  });

  it('says which consumer must acknowledge again because the entry changed after it acknowledged', async () => {
    const reopened = result(false);
    reopened.breaking[0].consumers[0] = {
      ...reopened.breaking[0].consumers[0],
      needsReacknowledgement: true,
    } as (typeof reopened.breaking)[0]['consumers'][0];
    answer = { status: 200, body: JSON.stringify(reopened) };
    const run1 = await run([
      '--api',
      'api:default/transaction-events',
      '--spec',
      spec,
    ]);
    expect(run1.code).toBe(1);
    expect(run1.out).toContain(
      '  ✗ component:default/account-management-legacy (group:default/ledger-engineering) needs to acknowledge again: the entry moved earlier or changed what it touches after it acknowledged',
    );
  });

  it('reads the definition out of an API entity file', async () => {
    const entityFile = path.join(dir, 'api.yaml');
    fs.writeFileSync(
      entityFile,
      'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: transaction-events }\nspec:\n  type: asyncapi\n  definition: |\n    asyncapi: 2.6.0\n    channels: {}\n',
    );
    answer = { status: 200, body: JSON.stringify(result(true)) };
    expect(
      (
        await run([
          '--api',
          'api:default/transaction-events',
          '--spec',
          entityFile,
        ])
      ).code,
    ).toBe(0);
    expect(received?.body.spec).toBe('asyncapi: 2.6.0\nchannels: {}\n');
  });

  it.each([
    ['no spec', ['--api', 'api:x'], /--api and --spec are required/],
    [
      'a spec that is not there',
      ['--api', 'api:x', '--spec', '/nowhere.yaml'],
      /is not a file/,
    ],
    [
      'a bad date',
      ['--api', 'api:x', '--spec', spec, '--announce', 'soon'],
      /YYYY-MM-DD/,
    ],
    [
      'an unknown option',
      ['--api', 'api:x', '--spec', spec, '--force'],
      /Unknown option/,
    ],
  ])('exits 2 with usage for %s', async (_what, argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('exits 2 when the portal refuses or answers garbage, saying which', async () => {
    answer = {
      status: 401,
      body: JSON.stringify({ error: { message: 'Missing credentials' } }),
    };
    const refused = await run(['--api', 'api:x', '--spec', spec]);
    expect(refused).toMatchObject({
      code: 2,
      err: ['The portal refused the check (401): Missing credentials'],
    });
    answer = { status: 502, body: '<html>Bad Gateway</html>' };
    const garbage = await run(['--api', 'api:x', '--spec', spec]);
    expect(garbage.code).toBe(2);
    expect(garbage.err[0]).toMatch(
      /^The portal answered 502 with something that is not JSON/,
    );
    const offline = await run(['--api', 'api:x', '--spec', spec], {
      BACKSTAGE_URL: 'http://127.0.0.1:9',
    });
    expect(offline.code).toBe(2);
    expect(offline.err[0]).toMatch(/^The check could not run/);
  });

  it('takes the token from the environment only, and sends it only over https or to this machine', async () => {
    const onArgv = await run([
      '--api',
      'api:x',
      '--spec',
      spec,
      '--token',
      'visible-in-ps',
    ]);
    expect(onArgv.code).toBe(2);
    expect(onArgv.err.join('\n')).toContain(
      'pass the token in BACKSTAGE_TOKEN, not as --token',
    );
    const missing = await run(['--api', 'api:x', '--spec', spec], {
      BACKSTAGE_TOKEN: undefined,
    });
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain('BACKSTAGE_TOKEN is required');

    received = undefined;
    const plain = await run(['--api', 'api:x', '--spec', spec], {
      BACKSTAGE_URL: 'http://portal.example.com',
    });
    expect(plain.code).toBe(2);
    expect(plain.err.join('\n')).toContain(
      'http://portal.example.com would send the token unencrypted',
    );
    // Refused before anything was sent.
    expect(received).toBeUndefined();
  });
});
