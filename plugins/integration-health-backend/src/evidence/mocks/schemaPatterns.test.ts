import { MockChecker } from './checkMocks';

/** `(a+)+$` backtracks exponentially in JavaScript's engine on "aaa…!". */
const EVIL = '^(a+)+$';
const HOSTILE = `${'a'.repeat(40_000)}!`;

const openapi = {
  openapi: '3.0.3',
  info: { title: 'accounts', version: '2.0.0' },
  paths: {
    '/accounts/{accountId}': {
      parameters: [
        {
          name: 'accountId',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^acc-[0-9]+$' },
        },
      ],
      get: {
        parameters: [
          {
            name: 'view',
            in: 'query',
            schema: { type: 'string', pattern: '^(full|short)$' },
          },
          {
            name: 'X-Tenant',
            in: 'header',
            schema: { type: 'string', pattern: '^[a-z]{2,8}$' },
          },
        ],
        responses: {
          '200': {
            description: 'the account',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Account' },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Account: {
        type: 'object',
        properties: {
          iban: { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]+$' },
          label: { type: 'string', pattern: EVIL },
          // A lookahead: RE2 cannot run it, so it is not checked.
          nickname: { type: 'string', pattern: '^(?=.*x).+$' },
        },
      },
    },
  },
};

function mapping(
  url: string,
  body: object,
  headers: Record<string, string> = {},
) {
  return {
    name: url,
    request: {
      method: 'GET',
      url,
      headers: Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, { equalTo: v }]),
      ),
    },
    response: { status: 200, jsonBody: body },
  };
}

async function check(mappings: object[]) {
  const checker = new MockChecker({
    format: 'openapi-3',
    document: openapi,
    version: '2.0.0',
  });
  const { checks } = await checker.check(
    [
      {
        source: 'ci',
        document: {
          name: 'accounts.json',
          format: 'wiremock',
          content: { mappings },
        },
      },
    ],
    new Date().toISOString(),
  );
  return checks;
}

describe('schema patterns in mock checks', () => {
  it('reports mocks that break a pattern in bodies and parameters, and passes those that keep them', async () => {
    const [good, bad] = await check([
      mapping(
        '/accounts/acc-1?view=full',
        { iban: 'DE89370400440532013000', label: 'aaa', nickname: 'bob' },
        { 'X-Tenant': 'eu' },
      ),
      mapping(
        '/accounts/1?view=everything',
        { iban: 'de89', label: 'ab' },
        { 'X-Tenant': 'EU-WEST-1' },
      ),
    ]);
    expect(good).toMatchObject({
      operation: 'GET /accounts/{accountId}',
      valid: true,
      problems: [],
    });
    expect(bad.valid).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        'path parameter `accountId`: must match pattern "^acc-[0-9]+$"',
        'query parameter `view`: must match pattern "^(full|short)$"',
        'header parameter `X-Tenant`: must match pattern "^[a-z]{2,8}$"',
        'response body `iban`: must match pattern "^[A-Z]{2}[0-9]{2}[A-Z0-9]+$"',
        `response body \`label\`: must match pattern "${EVIL}"`,
      ]),
    );
  });

  it('checks a catastrophic pattern against a hostile value in linear time', async () => {
    // JavaScript's own engine would take far longer than the age of the
    // universe here; the check answers, and says the value breaks it.
    const started = Date.now();
    const [verdict] = await check([
      mapping('/accounts/acc-1', { label: HOSTILE }),
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(verdict.problems).toEqual([
      `response body \`label\`: must match pattern "${EVIL}"`,
    ]);
  });
});
