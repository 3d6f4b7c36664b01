import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PACT_PACTICIPANT_ANNOTATION } from '@integration-health/plugin-integration-health-common';
import { EvidenceSubject } from './evidenceSources';

/**
 * Maps pacticipant names (in a broker or in pact files) to the catalog
 * entities of the current integrations: the pacticipant annotation where an
 * entity has one, else the entity's name. For evidence sources that read
 * pacts (a Pact Broker, pact files).
 *
 * @public
 */
export class Pacticipants {
  /** Reads the pacticipant annotations from the catalog for these integrations. */
  static async load(options: {
    catalog: CatalogService;
    auth: AuthService;
    integrations: EvidenceSubject[];
  }): Promise<Pacticipants> {
    const { items } = await options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${PACT_PACTICIPANT_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const annotated = new Map<string, string>();
    for (const entity of items) {
      const name = entity.metadata.annotations?.[PACT_PACTICIPANT_ANNOTATION];
      if (name) annotated.set(stringifyEntityRef(entity), name);
    }
    return new Pacticipants(options.integrations, annotated);
  }

  private readonly byName = new Map<string, Set<string>>();

  constructor(
    integrations: EvidenceSubject[],
    private readonly annotated: Map<string, string>,
  ) {
    for (const integration of integrations) {
      for (const ref of [integration.consumerRef, integration.providerRef]) {
        const name = this.nameOf(ref);
        const refs = this.byName.get(name) ?? new Set();
        refs.add(ref);
        this.byName.set(name, refs);
      }
    }
  }

  /** The pacticipant name of an entity: its annotation, else its name. */
  nameOf(ref: string): string {
    return this.annotated.get(ref) ?? ref.slice(ref.lastIndexOf('/') + 1);
  }

  /** The entity refs a pacticipant name stands for (usually one). */
  refsOf(name: string): string[] {
    return [...(this.byName.get(name) ?? [])];
  }
}
