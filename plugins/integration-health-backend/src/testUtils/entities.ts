import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import { ACCOUNTABLE_OWNER_ANNOTATION } from '@integration-health/plugin-integration-health-common';

type Relations = Partial<
  Record<
    'consumesApi' | 'providesApi' | 'dependsOn' | 'apiProvidedBy' | 'childOf',
    string[]
  >
>;

function specOf(
  kind: string,
  name: string,
  options: { owner?: string; type?: string },
): JsonObject {
  if (kind === 'Group') return { type: 'team', children: [] };
  const spec: JsonObject = {
    type: options.type ?? 'service',
    owner: options.owner,
  };
  if (kind === 'API') {
    const info = { title: name, version: '1.0.0' };
    spec.definition = JSON.stringify(
      options.type === 'asyncapi'
        ? { asyncapi: '2.6.0', info, channels: {} }
        : { openapi: '3.0.3', info, paths: {} },
    );
  }
  return spec;
}

/**
 * Builds catalog entities the way the catalog serves them: with the
 * relations its processors would have emitted.
 */
export function entity(
  ref: string,
  options: {
    owner?: string;
    type?: string;
    accountableOwner?: string;
    relations?: Relations;
  } = {},
): Entity {
  const [kindPart, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const kind = {
    component: 'Component',
    api: 'API',
    resource: 'Resource',
    group: 'Group',
  }[kindPart]!;
  const relations = Object.entries(options.relations ?? {}).flatMap(
    ([type, targets]) => targets!.map(targetRef => ({ type, targetRef })),
  );
  if (options.owner) {
    relations.push({ type: 'ownedBy', targetRef: options.owner });
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace,
      // The catalog gives every entity an etag that changes with it.
      etag: `${name}-1`,
      annotations: options.accountableOwner
        ? { [ACCOUNTABLE_OWNER_ANNOTATION]: options.accountableOwner }
        : {},
    },
    spec: specOf(kind, name, options),
    relations,
  };
}

/**
 * A small payments platform: intake consumes the validation API and depends
 * on processing; processing publishes events the ledger consumes.
 */
export function paymentsCatalog(): Entity[] {
  return [
    entity('group:default/payments'),
    entity('group:default/ledger'),
    entity('group:default/platform'),
    entity('component:default/intake', {
      owner: 'group:default/payments',
      accountableOwner: 'api:validation-api=payments',
      relations: {
        consumesApi: ['api:default/validation-api'],
        dependsOn: ['component:default/processing'],
      },
    }),
    entity('component:default/validation', {
      owner: 'group:default/payments',
      relations: { providesApi: ['api:default/validation-api'] },
    }),
    entity('component:default/processing', {
      owner: 'group:default/payments',
      relations: {
        providesApi: ['api:default/transaction-events'],
        dependsOn: ['resource:default/transactions-db'],
      },
    }),
    entity('component:default/ledger', {
      owner: 'group:default/ledger',
      relations: { consumesApi: ['api:default/transaction-events'] },
    }),
    entity('api:default/validation-api', {
      owner: 'group:default/payments',
      type: 'openapi',
      relations: { apiProvidedBy: ['component:default/validation'] },
    }),
    entity('api:default/transaction-events', {
      owner: 'group:default/payments',
      type: 'asyncapi',
      relations: { apiProvidedBy: ['component:default/processing'] },
    }),
    entity('resource:default/transactions-db', {
      owner: 'group:default/platform',
      type: 'database',
    }),
  ];
}
