import { SyncRunEntityError } from '@integration-health/plugin-integration-health-common';
import { ObservedIntegration } from '../IntegrationStore';
import {
  AccountableOwnerDeclaration,
  parseAccountableOwnerAnnotation,
} from './accountableOwner';
import { CatalogSnapshot } from './catalogSnapshot';
import { collectEdges } from './collectEdges';
import { resolveAccountableOwner } from './resolveAccountableOwner';

/**
 * Turns one catalog snapshot into integrations (consumer → provider edges
 * with their owners and findings) and the errors met on single entities.
 * Pure: the same snapshot always gives the same result.
 */
export function buildIntegrations(snapshot: CatalogSnapshot): {
  integrations: ObservedIntegration[];
  errors: SyncRunEntityError[];
} {
  const { edges, errors } = collectEdges(snapshot);

  const declarations = new Map<string, AccountableOwnerDeclaration>();
  for (const entity of snapshot.entities.values()) {
    if (entity.accountableOwnerAnnotation === undefined) continue;
    const parsed = parseAccountableOwnerAnnotation({
      entityRef: entity.ref,
      namespace: entity.namespace,
      value: entity.accountableOwnerAnnotation,
      knownGroups: snapshot.groupRefs,
    });
    declarations.set(entity.ref, parsed.declaration);
    errors.push(...parsed.errors);
  }

  const usedKeys = new Set<string>();
  const integrations: ObservedIntegration[] = edges.map(edge => {
    const owner = resolveAccountableOwner(
      {
        declaration: declarations.get(edge.consumer.ref),
        counterpartRefs: [edge.provider.ref, edge.api?.ref].filter(
          (r): r is string => !!r,
        ),
        source: 'consumer-annotation',
      },
      {
        declaration: declarations.get(edge.provider.ref),
        counterpartRefs: [edge.consumer.ref],
        source: 'provider-annotation',
      },
    );
    owner.usedKeys.forEach(k =>
      usedKeys.add(`${k.entityRef}|${k.counterpartRef}`),
    );
    const findings = [...owner.findings];
    if (edge.apiWithoutProvider) {
      findings.push({
        id: 'api-without-provider',
        level: 'warning',
        message: `No component provides ${edge.provider.ref}; the integration ends at the API.`,
      });
    }
    return {
      consumerRef: edge.consumer.ref,
      providerRef: edge.provider.ref,
      apiRef: edge.api?.ref,
      kind: edge.kind,
      sources: edge.sources,
      consumerOwnerRef: edge.consumer.ownerRef,
      providerOwnerRef: edge.provider.ownerRef,
      accountableOwnerRef: owner.ownerRef,
      accountableOwnerSource: owner.source,
      findings,
    };
  });

  for (const declaration of declarations.values()) {
    const keys = [
      ...declaration.ownerByCounterpart.keys(),
      ...declaration.rejectedByCounterpart.keys(),
    ];
    for (const key of keys) {
      if (!usedKeys.has(`${declaration.entityRef}|${key}`)) {
        errors.push({
          entityRef: declaration.entityRef,
          code: 'accountable-owner-unmatched',
          message: `Annotation names ${key}, but ${declaration.entityRef} has no integration with it.`,
        });
      }
    }
  }

  return { integrations, errors };
}
