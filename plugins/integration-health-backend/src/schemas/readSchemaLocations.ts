import { AuthService, UrlReaderService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DB_QUERIES_ANNOTATION,
  MIGRATIONS_ANNOTATION,
} from '@integration-health/plugin-integration-health-common';
import {
  LocationFile,
  readEntityLocation,
} from '@integration-health/plugin-integration-health-node';
import { SchemasConfig } from '../config';

/** What a location of one entity held, or why it could not be read. */
export type EntityFiles = {
  entityRef: string;
  files: LocationFile[];
  error?: string;
};

const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'relations',
];

/** Reads `.sql` files at the locations the annotations name. */
export class SchemaLocations {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      config: SchemasConfig;
    },
  ) {}

  private rules() {
    const { config } = this.options;
    return {
      extension: '.sql',
      allowedDirectories: config.allowedDirectories,
      allowedSetting: 'integrationHealth.schemas.allowedDirectories',
      urlIsFolder: true,
      limits: {
        maxFiles: config.maxFiles,
        maxFileBytes: config.maxFileBytes,
        maxDepth: 4,
      },
    };
  }

  private async annotated(annotation: string): Promise<Entity[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items;
  }

  private async read(
    entity: Entity,
    locations: string[],
    signal: AbortSignal,
  ): Promise<LocationFile[]> {
    const files: LocationFile[] = [];
    for (const location of locations) {
      files.push(
        ...(await readEntityLocation(entity, location, {
          urlReader: this.options.urlReader,
          rules: this.rules(),
          signal,
        })),
      );
    }
    return files;
  }

  /** Every resource's migration files, in file-name order per location. */
  async migrations(signal: AbortSignal): Promise<EntityFiles[]> {
    const resources = (await this.annotated(MIGRATIONS_ANNOTATION)).filter(
      e => e.kind.toLocaleLowerCase('en-US') === 'resource',
    );
    const result: EntityFiles[] = [];
    for (const resource of resources) {
      const entityRef = stringifyEntityRef(resource);
      const locations = splitList(
        resource.metadata.annotations![MIGRATIONS_ANNOTATION],
      );
      try {
        result.push({
          entityRef,
          files: await this.read(resource, locations, signal),
        });
      } catch (error) {
        result.push({ entityRef, files: [], error: (error as Error).message });
      }
    }
    return result;
  }

  /**
   * Every consumer's declared queries, each with the resource it is for:
   * the one its location names (`resource:<name>=`), else every resource
   * the consumer depends on that has migrations.
   */
  async queries(
    resourceRefs: Set<string>,
    signal: AbortSignal,
  ): Promise<(EntityFiles & { resourceRefs: string[][] })[]> {
    const consumers = await this.annotated(DB_QUERIES_ANNOTATION);
    const result: (EntityFiles & { resourceRefs: string[][] })[] = [];
    for (const consumer of consumers) {
      const entityRef = stringifyEntityRef(consumer);
      const dependsOn = (consumer.relations ?? [])
        .filter(r => r.type === 'dependsOn' && resourceRefs.has(r.targetRef))
        .map(r => r.targetRef);
      const files: LocationFile[] = [];
      const targets: string[][] = [];
      try {
        for (const item of splitList(
          consumer.metadata.annotations![DB_QUERIES_ANNOTATION],
        )) {
          const { resourceRef, location } = targetOf(item);
          const found = await this.read(consumer, [location], signal);
          files.push(...found);
          found.forEach(() =>
            targets.push(resourceRef ? [resourceRef] : dependsOn),
          );
        }
        result.push({ entityRef, files, resourceRefs: targets });
      } catch (error) {
        result.push({
          entityRef,
          files: [],
          resourceRefs: [],
          error: (error as Error).message,
        });
      }
    }
    return result;
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

/** `resource:transactions-db=dir:./queries` → the resource and the location. */
function targetOf(item: string): { resourceRef?: string; location: string } {
  const match = /^(resource:[^=\s]+)=(.+)$/.exec(item);
  if (!match) return { location: item };
  return {
    resourceRef: stringifyEntityRef(
      parseEntityRef(match[1], { defaultKind: 'resource' }),
    ),
    location: match[2].trim(),
  };
}
