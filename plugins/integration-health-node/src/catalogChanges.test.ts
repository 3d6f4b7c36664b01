import { Entity } from '@backstage/catalog-model';
import { catalogChangeFingerprint } from './catalogChanges';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: { 'integration-health.io/mocks': 'dir:./mocks' },
  },
  spec: {
    type: 'service',
    owner: 'team-a',
    consumesApis: ['ledger-api'],
  },
};

describe('catalogChangeFingerprint', () => {
  it('is the same for the processed and the stitched entity, whatever the key order', () => {
    const stitched: Entity = {
      metadata: {
        uid: 'u-1',
        etag: 'e-1',
        annotations: { 'integration-health.io/mocks': 'dir:./mocks' },
        name: 'payments',
      },
      spec: { consumesApis: ['ledger-api'], owner: 'team-a', type: 'service' },
      relations: [{ type: 'consumesApi', targetRef: 'api:default/ledger-api' }],
      kind: 'Component',
      apiVersion: 'backstage.io/v1alpha1',
    };
    expect(catalogChangeFingerprint(stitched)).toBe(
      catalogChangeFingerprint(component),
    );
  });

  it('changes when a relation, the definition or an annotation changes', () => {
    const base = catalogChangeFingerprint(component);
    const consumes = {
      ...component,
      spec: { ...component.spec, consumesApis: ['ledger-api', 'fx-api'] },
    };
    const annotated = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: { 'integration-health.io/accountable-owner': 'team-b' },
      },
    };
    const renamed = {
      ...component,
      metadata: { ...component.metadata, name: 'payments-2' },
    };
    const fingerprints = [consumes, annotated, renamed].map(
      catalogChangeFingerprint,
    );
    expect(new Set([base, ...fingerprints]).size).toBe(4);
  });
});
