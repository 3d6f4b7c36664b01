import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Integration } from '@integration-health/plugin-integration-health-common';
import { IntegrationStore } from '../integrations/IntegrationStore';
import {
  CatalogStructure,
  EntitySummary,
  toEntitySummary,
} from '../integrations/sync/catalogSnapshot';
import { readCatalogStructure } from '../integrations/sync/readCatalogSnapshot';
import { sideSubjects, withAncestors } from './computeRollups';

const PART_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'relations',
];

const STRUCTURE_TTL_MS = 60_000;

/** Where an integration stands for a team, system or domain. */
export type SubjectSide = 'provider' | 'consumer' | 'both';

/**
 * Which integrations a team (with the groups below it), system or domain
 * counts, the same way the daily rollups count them, read from the catalog
 * with the plugin's own credentials.
 */
export class SubjectMembership {
  private cached?: { at: number; read: Promise<CatalogStructure> };

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      integrationStore: IntegrationStore;
      pageSize?: number;
    },
  ) {}

  /**
   * How groups, systems and domains nest, read at most once a minute: the
   * scorecard asks on every request, and the hierarchy changes rarely.
   */
  structure(now = Date.now()): Promise<CatalogStructure> {
    if (!this.cached || now - this.cached.at > STRUCTURE_TTL_MS) {
      const read = readCatalogStructure({
        ...this.options,
        pageSize: this.pageSize,
      });
      this.cached = { at: now, read };
      // A failed read is not kept: the next request tries again.
      read.catch(() => {
        if (this.cached?.read === read) this.cached = undefined;
      });
    }
    return this.cached.read;
  }

  /** A group and the groups above it. */
  teamsOf(groupRef: string, structure: CatalogStructure): string[] {
    return withAncestors(groupRef, structure.parentGroupOf);
  }

  /** For each integration, every subject it counts for. */
  async subjectsOf(
    integrations: Integration[],
    structure: CatalogStructure,
  ): Promise<Map<string, Set<string>>> {
    const refs = [
      ...new Set(integrations.flatMap(i => [i.consumerRef, i.providerRef])),
    ];
    const entities = new Map<string, EntitySummary>();
    if (refs.length > 0) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: PART_FIELDS },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      for (const entity of items) {
        if (entity)
          entities.set(stringifyEntityRef(entity), toEntitySummary(entity));
      }
    }
    const snapshot = { ...structure, entities };
    return new Map(
      integrations.map(i => [
        i.id,
        new Set([
          ...sideSubjects(i.consumerRef, i.consumerOwnerRef, snapshot),
          ...sideSubjects(i.providerRef, i.providerOwnerRef, snapshot),
        ]),
      ]),
    );
  }

  /**
   * The current integrations a subject counts, each with the side the
   * subject is on. A component, API or resource counts its own.
   */
  async integrationsOf(
    subjectRef: string,
  ): Promise<{ integration: Integration; side: SubjectSide }[]> {
    const { integrationStore } = this.options;
    const kind = parseEntityRef(subjectRef).kind.toLocaleLowerCase('en-US');
    let members: Set<string>;
    let found: Integration[];
    let sides: (i: Integration) => [string | undefined, string | undefined];
    if (kind === 'group') {
      members = this.teamWithBelow(subjectRef, await this.structure());
      found = await integrationStore.listByOwners([...members]);
      sides = i => [i.providerOwnerRef, i.consumerOwnerRef];
    } else {
      members = new Set(
        kind === 'system' || kind === 'domain'
          ? await this.partsOf(subjectRef, kind)
          : [subjectRef],
      );
      found = await integrationStore.listTouching([...members]);
      sides = i => [i.providerRef, i.consumerRef];
    }
    return found.map(integration => {
      const [provider, consumer] = sides(integration).map(
        ref => ref !== undefined && members.has(ref),
      );
      let side: SubjectSide = 'both';
      if (!consumer) side = 'provider';
      else if (!provider) side = 'consumer';
      return { integration, side };
    });
  }

  private get pageSize() {
    return this.options.pageSize ?? 500;
  }

  private teamWithBelow(groupRef: string, structure: CatalogStructure) {
    const team = new Set<string>([groupRef]);
    for (const group of structure.groupRefs) {
      if (this.teamsOf(group, structure).includes(groupRef)) team.add(group);
    }
    return team;
  }

  /** The components, APIs and resources of a system, or of a domain's systems. */
  private async partsOf(subjectRef: string, kind: 'system' | 'domain') {
    const systems =
      kind === 'system'
        ? [subjectRef]
        : [...(await this.structure()).domainOf]
            .filter(([, domain]) => domain === subjectRef)
            .map(([system]) => system);
    if (systems.length === 0) return [];
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize }
          : {
              // Components, APIs and resources are what systems have as parts.
              filter: { 'relations.partof': systems },
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: this.pageSize,
            },
        { credentials },
      );
      refs.push(...page.items.map(e => stringifyEntityRef(e)));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }
}
