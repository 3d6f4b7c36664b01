import {
  Integration,
  ScoreExplanation,
} from '@integration-health/plugin-integration-health-common';
import { CatalogSnapshot } from '../integrations/sync/catalogSnapshot';
import { computeRollups } from './computeRollups';

const score = (value?: number): ScoreExplanation => ({
  value,
  tier: 't',
  summary: '',
  inputs: {},
  adjustments: [],
  evidence: [],
});

const integration = (
  consumer: string,
  provider: string,
  scores?: [number | undefined, number | undefined],
  accountable?: string,
): Integration => ({
  id: `${consumer}>${provider}`,
  consumerRef: `component:default/${consumer}`,
  providerRef: `component:default/${provider}`,
  kind: 'http',
  sources: ['consumesApi'],
  consumerOwnerRef: `group:default/${consumer}-team`,
  providerOwnerRef: `group:default/${provider}-team`,
  accountableOwnerRef: accountable,
  scores: scores && {
    contract: score(scores[0]),
    mock: score(scores[1]),
    computedAt: '',
  },
  findings: [],
  firstSeenAt: '',
  lastSeenAt: '',
});

const summary = (ref: string, system?: string) => ({
  ref,
  kind: 'component' as const,
  namespace: 'default',
  relations: system ? [{ type: 'partOf', targetRef: system }] : [],
});

const snapshot: CatalogSnapshot = {
  entities: new Map([
    [
      'component:default/intake',
      summary('component:default/intake', 'system:default/payments'),
    ],
    [
      'component:default/validation',
      summary('component:default/validation', 'system:default/payments'),
    ],
    ['component:default/legacy', summary('component:default/legacy')],
  ]),
  groupRefs: new Set(),
  // validation-team sits under engineering, which sits under itself (a cycle in the catalog).
  parentGroupOf: new Map([
    ['group:default/validation-team', 'group:default/engineering'],
    ['group:default/engineering', 'group:default/validation-team'],
  ]),
  domainOf: new Map([['system:default/payments', 'domain:default/money']]),
};

describe('computeRollups', () => {
  const rollups = computeRollups(
    [
      integration('intake', 'validation', [100, 80], 'group:default/platform'),
      integration('legacy', 'validation', [0, undefined]),
      integration('legacy', 'intake'),
    ],
    snapshot,
  );
  const of = (ref: string) => rollups.find(r => r.subjectRef === ref);

  it('means the scores of an entity over its integrations that have one, and counts the rest', () => {
    expect(of('component:default/validation')).toEqual({
      subjectRef: 'component:default/validation',
      contract: 50,
      mock: 80,
      integrations: 2,
      withEvidence: 2,
      withoutAccountableOwner: 1,
      asProvider: 2,
      asConsumer: 0,
    });
    // No evidence at all is unknown, not 0.
    expect(of('component:default/legacy')).toMatchObject({
      contract: 0,
      mock: undefined,
      integrations: 2,
      withEvidence: 1,
    });
  });

  it('rolls teams up through their parent groups without looping, and systems into domains', () => {
    expect(of('group:default/engineering')).toMatchObject({
      integrations: 2,
      contract: 50,
      asProvider: 2,
      asConsumer: 0,
    });
    // Inside one system, an integration counts on both of its sides.
    expect(of('system:default/payments')).toMatchObject({
      integrations: 3,
      asProvider: 3,
      asConsumer: 1,
    });
    expect(of('domain:default/money')).toMatchObject({
      integrations: 3,
      withEvidence: 2,
    });
  });
});
