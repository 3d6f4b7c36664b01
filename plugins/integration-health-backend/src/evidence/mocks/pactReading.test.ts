import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { MockChecker } from './checkMocks';

const at = '2026-12-03T10:00:00.000Z';

/** Shaped like the specs the pact-js and pact-jvm examples are written against. */
const userEvents = new MockChecker({
  format: 'asyncapi-3.0',
  version: '1.1.0',
  document: {
    asyncapi: '3.0.0',
    info: { title: 'user events', version: '1.1.0' },
    channels: {
      userEvents: {
        address: 'user-events',
        messages: {
          userCreated: { $ref: '#/components/messages/UserCreated' },
        },
      },
      userAudit: {
        address: 'audit.{userId}.events',
        parameters: { userId: {} },
        messages: { audited: { payload: { type: 'object' } } },
      },
    },
    components: {
      messages: {
        UserCreated: {
          payload: {
            type: 'object',
            required: ['id', 'name'],
            properties: { id: { type: 'string' }, name: { type: 'string' } },
          },
        },
      },
    },
  },
});

const usersApi = new MockChecker({
  format: 'openapi-3.0',
  version: '3.2.0',
  document: {
    openapi: '3.0.3',
    info: { title: 'users', version: '3.2.0' },
    paths: {
      '/users': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: { name: { type: 'string' } },
                  additionalProperties: false,
                },
              },
            },
          },
          responses: { '201': { description: 'created' } },
        },
      },
      '/users/{id}': {
        get: {
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'a user',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { id: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

/** A pact v4 file as pact-js writes one that mixes HTTP and messages. */
function pactV4(interactions: object[]): MockDocument {
  return {
    name: 'web-users.json',
    format: 'pact',
    content: {
      consumer: { name: 'web' },
      provider: { name: 'users' },
      interactions,
      metadata: { pactSpecification: { version: '4.0' } },
    },
  };
}

const createUser = (body: object) => ({
  type: 'Synchronous/HTTP',
  description: 'create a user',
  request: {
    method: 'POST',
    path: '/users',
    headers: { 'Content-Type': ['application/json'] },
    body: {
      content: JSON.stringify(body),
      contentType: 'application/json',
      encoded: 'json',
    },
  },
  response: { status: 201 },
});
const userCreated = {
  type: 'Asynchronous/Messages',
  description: 'a user was created',
  contents: {
    content: { id: 'u-1', name: 'Ada' },
    contentType: 'application/json',
    encoded: false,
  },
  metadata: { topic: 'user-events' },
};

const check = (
  checker: MockChecker,
  doc: MockDocument,
  others: MockChecker[] = [],
) => checker.check([{ source: 'mock-files', document: doc }], at, others);

describe('pacts as real tools write them', () => {
  it('finds AsyncAPI 3 channels by their address, parameters included', async () => {
    const { checks } = await check(
      userEvents,
      pactV4([
        userCreated,
        {
          ...userCreated,
          description: 'audited',
          contents: { content: {} },
          metadata: { topic: 'audit.42.events' },
        },
      ]),
    );
    expect(checks.map(c => [c.operation, c.valid, c.problems])).toEqual([
      ['channel userEvents', true, []],
      ['channel userAudit', true, []],
    ]);
  });

  it('judges each interaction of a mixed pact only by the API whose spec describes it', async () => {
    const doc = pactV4([createUser({ name: 'Ada' }), userCreated]);
    const http = await check(usersApi, doc, [userEvents]);
    expect(http.checks.map(c => [c.operation, c.valid])).toEqual([
      ['POST /users', true],
    ]);
    const events = await check(userEvents, doc, [usersApi]);
    expect(events.checks.map(c => [c.operation, c.valid])).toEqual([
      ['channel userEvents', true],
    ]);
    // Without another API of the provider to take it, a stray kind is still wrong.
    const alone = await check(usersApi, doc);
    expect(alone.checks.map(c => c.valid)).toEqual([true, false]);
  });

  it('reads v4 bodies encoded as JSON text', async () => {
    const { checks } = await check(
      usersApi,
      pactV4([createUser({ nickname: 'ada' })]),
    );
    expect(checks[0]).toMatchObject({ operation: 'POST /users', valid: false });
    expect(checks[0].problems.join(' ')).toContain('`nickname`');
  });

  it('counts request/reply messages as unchecked, not as invalid operations', async () => {
    const { checks, unchecked } = await check(
      userEvents,
      pactV4([
        {
          type: 'Synchronous/Messages',
          description: 'ask for a user',
          request: { contents: { content: { id: 'u-1' } } },
          response: [{ contents: { content: { id: 'u-1', name: 'Ada' } } }],
        },
      ]),
    );
    expect(checks).toEqual([]);
    expect(unchecked).toBe(1);
  });

  it('refuses a status that is not an HTTP status instead of taking it for 200', async () => {
    const { checks } = await check(
      usersApi,
      pactV4([
        {
          ...createUser({ name: 'Ada' }),
          response: { status: 'created' },
        },
      ]),
    );
    expect(checks).toEqual([
      expect.objectContaining({
        valid: false,
        problems: ['the response status "created" is not an HTTP status'],
      }),
    ]);
  });
});
