import { AuthService, UrlReaderService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MOCKS_ANNOTATION } from '@integration-health/plugin-integration-health-common';
import {
  CollectedEvidence,
  CollectedMocks,
  EvidenceSource,
  EvidenceSubject,
  LocationLimits,
  decodeSourceCursor,
  DEFAULT_FULL_READ_INTERVAL_MS,
  encodeSourceCursor,
  LocationRead,
  mapConcurrently,
  SourceCursor,
  MockDocument,
  Pacticipants,
  readEntityLocationSince,
} from '@integration-health/plugin-integration-health-node';
import { ConsumerRead, contextHash, isConsumersRead } from './mockFilesCursor';
import { MockFile, readMockFile } from './readMockLocation';

/** Consumers whose locations are read at once. */
const READ_CONCURRENCY = 8;
import { isRecord } from '@integration-health/plugin-integration-health-common';

function isPact(content: unknown) {
  return (
    isRecord(content) &&
    isRecord(content.provider) &&
    (Array.isArray(content.interactions) || Array.isArray(content.messages))
  );
}

/** The provider a mock file names: the pact's provider, the mapping's metadata, or its folder. */
function providerNameOf(file: MockFile): string | undefined {
  const { content } = file;
  if (isPact(content)) return String((content as any).provider.name ?? '');
  const mappings =
    isRecord(content) && Array.isArray(content.mappings)
      ? content.mappings
      : [content];
  const named = mappings.find(
    m =>
      isRecord(m) &&
      isRecord(m.metadata) &&
      typeof m.metadata.provider === 'string',
  );
  if (named) return named.metadata.provider;
  const folders = file.name.split(/[\\/]/);
  return folders.length > 1 ? folders[0] : undefined;
}

function integrationsOf(
  file: MockFile,
  integrations: EvidenceSubject[],
  pacticipants: Pacticipants,
): EvidenceSubject[] {
  const provider = providerNameOf(file);
  const refs = provider ? pacticipants.refsOf(provider) : [];
  return integrations.filter(i => refs.includes(i.providerRef));
}

/**
 * A file that is not JSON names no provider: it goes to the integration a
 * folder of its path names, else to each of the consumer's integrations, so
 * its owners see it as an unreadable mock.
 */
function ownersOfUnreadable(
  file: MockFile,
  integrations: EvidenceSubject[],
  pacticipants: Pacticipants,
): EvidenceSubject[] {
  const folders = file.url ? [] : file.name.split(/[\\/]/).slice(0, -1);
  for (const folder of folders) {
    const refs = pacticipants.refsOf(folder);
    const named = integrations.filter(i => refs.includes(i.providerRef));
    if (named.length > 0) return named;
  }
  return integrations;
}

/**
 * Pact files and WireMock mappings that consumers keep next to their code,
 * declared with the `integration-health.io/mocks` annotation. A consumer
 * whose location cannot be read in full (missing, too large, outside the
 * allowed directories) is an error of the source, and its earlier mocks are
 * kept. A file that is not JSON (comments are allowed, as WireMock allows
 * them) costs only itself: it is handed on as its text, an unreadable mock.
 */
export class MockFilesSource implements EvidenceSource {
  readonly id = 'mock-files';

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      allowedDirectories: string[];
      limits: LocationLimits;
      /**
       * Between syncs only locations that changed are read; every location
       * is read again once the last full read is this old (default a day).
       */
      fullReadIntervalMs?: number;
    },
  ) {}

  /**
   * The consumer's files, or undefined when every location is still at the
   * version `previous` read (when given).
   */
  private async readLocations(
    entity: Entity,
    signal: AbortSignal,
    previous: Record<string, string> | undefined,
  ): Promise<{ files?: MockFile[]; versions: Record<string, string> }> {
    const value = entity.metadata.annotations?.[MOCKS_ANNOTATION] ?? '';
    const locations = [
      ...new Set(
        value
          .split(',')
          .map(l => l.trim())
          .filter(Boolean),
      ),
    ];
    const read = (location: string, since?: string) =>
      readEntityLocationSince(entity, location, {
        urlReader: this.options.urlReader,
        rules: {
          extension: '.json',
          allowedDirectories: this.options.allowedDirectories,
          allowedSetting:
            'integrationHealth.evidence.mockFiles.allowedDirectories',
          limits: this.options.limits,
        },
        signal,
        since,
      });
    let found: LocationRead[] = [];
    for (const location of locations) {
      found.push(await read(location, previous?.[location]));
    }
    const versions: Record<string, string> = {};
    locations.forEach((location, i) => {
      const version = found[i].version;
      if (version !== undefined) versions[location] = version;
    });
    if (previous && found.every(f => !f.files)) return { versions };
    // A consumer's mocks are all its files: those unchanged are read too.
    if (found.some(f => !f.files)) {
      found = [];
      for (const location of locations) found.push(await read(location));
    }
    return {
      files: found.flatMap(f => f.files ?? []).map(readMockFile),
      versions,
    };
  }

  async collect(options: {
    integrations: EvidenceSubject[];
    signal: AbortSignal;
    cursor?: string;
  }): Promise<CollectedEvidence> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items: consumers } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${MOCKS_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const pacticipants = await Pacticipants.load({
      catalog,
      auth,
      integrations: options.integrations,
    });
    const byConsumer = new Map<string, EvidenceSubject[]>();
    for (const i of options.integrations) {
      const list = byConsumer.get(i.consumerRef);
      if (list) list.push(i);
      else byConsumer.set(i.consumerRef, [i]);
    }
    const withIntegrations = consumers.flatMap(consumer => {
      const ref = stringifyEntityRef(consumer);
      const integrations = byConsumer.get(ref) ?? [];
      return integrations.length > 0 ? [{ consumer, ref, integrations }] : [];
    });
    const now = Date.now();
    const previous = decodeSourceCursor(options.cursor, {
      isSeen: isConsumersRead,
      now,
      fullReadIntervalMs:
        this.options.fullReadIntervalMs ?? DEFAULT_FULL_READ_INTERVAL_MS,
    });
    // Only what changed, unless a consumer is gone (its mocks must go) or
    // the last full read is old.
    const refs = new Set(withIntegrations.map(c => c.ref));
    const partial =
      previous !== undefined &&
      Object.keys(previous.seen).every(ref => refs.has(ref));
    const cursor: SourceCursor<Record<string, ConsumerRead>> = {
      fullReadAt: partial ? previous.fullReadAt : new Date(now).toISOString(),
      seen: {},
    };
    const mocks: CollectedMocks[] = [];
    const errors: string[] = [];
    // Reading waits on the file system or the network: several at once.
    const reads = await mapConcurrently(
      withIntegrations,
      READ_CONCURRENCY,
      async ({ consumer, ref, integrations }) => {
        // What the consumer declares, and what decides which of its
        // integrations a file belongs to.
        const context = contextHash([
          consumer.metadata.annotations?.[MOCKS_ANNOTATION],
          consumer.metadata.annotations?.[ANNOTATION_LOCATION],
          integrations.map(i => [
            i.providerRef,
            i.apiRef ?? null,
            pacticipants.nameOf(i.providerRef),
          ]),
        ]);
        const before = previous?.seen[ref];
        try {
          const read = await this.readLocations(
            consumer,
            options.signal,
            partial && before?.context === context
              ? before.locations
              : undefined,
          );
          return { ok: true as const, ref, integrations, context, read };
        } catch (error) {
          return {
            ok: false as const,
            ref,
            integrations,
            error: error as Error,
          };
        }
      },
    );
    for (const entry of reads) {
      const { ref, integrations } = entry;
      if (!entry.ok) {
        errors.push(
          `${ref}: ${entry.error.message}; its earlier mocks are kept`,
        );
        continue;
      }
      const { context, read } = entry;
      cursor.seen[ref] = { context, locations: read.versions };
      const files = read.files;
      if (!files) continue;
      const documents = new Map<EvidenceSubject, MockDocument[]>(
        integrations.map(i => [i, []]),
      );
      for (const file of files) {
        const owners = file.problem
          ? ownersOfUnreadable(file, integrations, pacticipants)
          : integrationsOf(file, integrations, pacticipants);
        for (const integration of owners) {
          documents.get(integration)!.push({
            name: file.name,
            format: isPact(file.content) ? 'pact' : 'wiremock',
            content: file.content,
            url: file.url,
          });
        }
      }
      for (const [subject, docs] of documents)
        mocks.push({ subject, documents: docs });
    }
    return { mocks, errors, partial, cursor: encodeSourceCursor(cursor) };
  }
}
