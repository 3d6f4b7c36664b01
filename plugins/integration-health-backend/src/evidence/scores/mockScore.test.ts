import {
  DEFAULT_SCORE_CONFIG,
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { loadSpec } from '@integration-health/spec-diff';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MockChecker } from '../mocks/checkMocks';
import { mockScore } from './mockScore';

const spec = (api: string) =>
  loadSpec(
    parse(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../../examples/apis',
          api,
          'api.yaml',
        ),
        'utf8',
      ),
    ).spec.definition,
  );

const version = (
  label: string,
  breaking: number,
  warning = 0,
): SpecVersion => ({
  id: `v${label}`,
  apiRef: 'api:default/transaction-intake-api',
  contentHash: label,
  versionLabel: label,
  observedAt: '2026-10-01T00:00:00Z',
  source: 'catalog',
  summary: { breaking, warning, info: 0 },
});

const change = (location: string, level: SpecChange['level']): SpecChange => ({
  ruleId: 'request-property-removed',
  level,
  location,
  pointer: '',
  message: 'changed',
  fingerprint: location,
});

const wiremock = (name: string, body: object, specVersion: string) => ({
  source: 'mock-files',
  document: {
    name,
    format: 'wiremock' as const,
    content: {
      request: {
        method: 'GET',
        urlPath: '/transactions/0b9f4c1e-7d2a-4e8b-9c3f-5a6b7c8d9e0f',
      },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        jsonBody: body,
      },
      metadata: { specVersion },
    },
  },
});

const booked = {
  id: '0b9f4c1e-7d2a-4e8b-9c3f-5a6b7c8d9e0f',
  status: 'booked',
  createdAt: '2026-10-01T09:30:00Z',
  accountRef: 'DE89370400440532013000',
  merchantId: 'm-77',
  amount: { amount: '12.50', currency: 'EUR' },
};

const now = new Date('2026-11-22T00:00:00Z');

describe('mockScore', () => {
  const versions = [version('2.0.0', 1), version('1.0.0', 0)];

  it('scores valid mocks of an operation by coverage, capped by breaking changes on that operation since they were made', async () => {
    const changes = jest.fn(async () => [
      change('GET /transactions/{transactionId}', 'breaking'),
    ]);
    const score = await mockScore({
      documents: [
        wiremock('a.json', booked, '1.0.0'),
        wiremock('b.json', booked, '2.0.0'),
      ],
      checker: new MockChecker({
        ...spec('transaction-intake-api'),
        version: '2.0.0',
      }),
      versions,
      changesOf: changes,
      config: DEFAULT_SCORE_CONFIG.mock,
      now,
    });
    expect(score).toMatchObject({
      value: 60,
      tier: 'mocks-checked',
      inputs: {
        mocks: 2,
        validMocks: 2,
        coverage: '100%',
        changesSinceMocksMade: 'breaking',
        madeFrom: '1.0.0 (1 version behind), 2.0.0 (current)',
      },
      adjustments: [{ cap: 60 }],
    });
  });

  it('does not cap for breaking changes on operations the consumer does not mock', async () => {
    const score = await mockScore({
      documents: [wiremock('a.json', booked, '1.0.0')],
      checker: new MockChecker({
        ...spec('transaction-intake-api'),
        version: '2.0.0',
      }),
      versions,
      changesOf: async () => [change('POST /transactions', 'breaking')],
      config: DEFAULT_SCORE_CONFIG.mock,
      now,
    });
    // One valid mock of the one operation: the single-mock credit.
    expect(score).toMatchObject({ value: 75, adjustments: [] });
  });

  it('says what drifted when a mock no longer validates', async () => {
    const { accountRef, ...drifted } = booked;
    const score = await mockScore({
      documents: [
        wiremock('old.json', { ...drifted, accountId: accountRef }, '1.0.0'),
      ],
      checker: new MockChecker({
        ...spec('transaction-intake-api'),
        version: '2.0.0',
      }),
      versions,
      changesOf: async () => [],
      config: DEFAULT_SCORE_CONFIG.mock,
      now,
    });
    expect(score.value).toBe(0);
    expect(score.summary).toBe(
      '1 of 1 mocks no longer match the spec 2.0.0: GET /transactions/{transactionId}: response body has field `accountId` that the current spec does not define — refreshed mocks available',
    );
  });

  it('is unknown, not 0, when the mocks cannot be checked', async () => {
    const base = {
      versions,
      changesOf: async () => [],
      config: DEFAULT_SCORE_CONFIG.mock,
      now,
    };
    const documents = [wiremock('a.json', booked, '1.0.0')];
    const scores = [
      await mockScore({ ...base, documents, checker: undefined }),
      await mockScore({
        ...base,
        documents,
        checker: new Error(
          "the provider's spec cannot be checked against: bad",
        ),
      }),
      await mockScore({ ...base, documents: [], checker: undefined }),
    ];
    expect(scores.map(s => [s.value, s.tier])).toEqual([
      [undefined, 'no-spec'],
      [undefined, 'spec-not-checkable'],
      [undefined, 'no-mocks'],
    ]);
  });

  it('says mocks were found when none of them can be checked, instead of saying there are none', async () => {
    const patterned = {
      source: 'mock-files',
      document: {
        name: 'any.json',
        format: 'wiremock' as const,
        content: {
          request: {
            method: 'GET',
            urlPathPattern: '/transactions/[0-9a-f-]+',
          },
          response: { status: 200 },
        },
      },
    };
    const score = await mockScore({
      documents: [patterned, patterned],
      checker: new MockChecker({
        ...spec('transaction-intake-api'),
        version: '2.0.0',
      }),
      versions,
      changesOf: async () => [],
      config: DEFAULT_SCORE_CONFIG.mock,
      now,
    });
    expect(score).toMatchObject({
      tier: 'mocks-unchecked',
      summary: expect.stringMatching(
        /^Unknown: 2 mocks of this provider found/,
      ),
      inputs: { uncheckedMocks: 2 },
    });
    expect(score.value).toBeUndefined();
  });
});
