import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { operationsUsed } from '../calendar/affectedConsumers';
import { nameOf } from '../calendar/nameOf';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { SpecStore } from '../specs/SpecStore';
import { SpecWorkerPool } from '../specs/worker/SpecWorkerPool';
import type {
  GeneratedMockBundle,
  IntegrationScores,
  MockBundleFormat,
} from '@integration-health/plugin-integration-health-common';
import { ScoreStore } from './scores/ScoreStore';

/**
 * Mock bundles generated for one consumer from the provider's current spec:
 * for the operations its mocks and pacts use (all of them when nothing
 * says), so what a consumer tests against follows the provider by itself.
 */
export class GeneratedMocksService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      specStore: SpecStore;
      scoreStore: ScoreStore;
      specs: SpecWorkerPool;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async generate(
    integrationId: string,
    format: MockBundleFormat,
    credentials: BackstageCredentials,
    options: {
      /** Whether to generate from the version the current mocks were made from too. */
      compare?: boolean;
    } = {},
  ): Promise<GeneratedMockBundle> {
    const { integrationStore, specStore, scoreStore, specs } = this.options;
    const integration = await this.visibility.getVisibleIntegration(
      integrationStore,
      integrationId,
      credentials,
    );
    const [current] = integration.apiRef
      ? await specStore.listVersions(integration.apiRef)
      : [];
    const text = current && (await specStore.getDefinition(current.id));
    if (!current || text === undefined || current.error) {
      throw new NotFoundError(
        `No current spec of ${
          integration.apiRef ?? 'an API'
        } to generate mocks of ${integrationId} from`,
      );
    }
    const scores = (await scoreStore.getScores([integrationId])).get(
      integrationId,
    );
    const used = operationsUsed(scores);
    const generate = (definition: string, version?: string) =>
      // Parsed and generated in a spec worker: the spec may be large.
      specs.generateMocks(definition, {
        format,
        operations: used && [...used],
        consumerName: nameOf(integration.consumerRef),
        providerName: nameOf(integration.providerRef),
        version,
      });
    let bundle: GeneratedMockBundle;
    try {
      bundle = await generate(text, current.versionLabel);
    } catch (error) {
      if ((error as Error).name === 'MockBundleFormatError') {
        throw new InputError((error as Error).message);
      }
      throw error;
    }
    if (options.compare === false) return bundle;
    const older = await this.madeFrom(integration.apiRef!, scores);
    const olderText = older && (await specStore.getDefinition(older.id));
    if (!older || olderText === undefined || older.id === current.id) {
      return bundle;
    }
    try {
      return {
        ...bundle,
        previous: await generate(olderText, older.versionLabel),
      };
    } catch {
      return bundle; // an older spec that cannot be generated from: no comparison
    }
  }

  /** The oldest recorded version the consumer's current mocks were made from. */
  private async madeFrom(apiRef: string, scores?: IntegrationScores) {
    const listed = scores?.mock.inputs.madeFrom;
    if (typeof listed !== 'string') return undefined;
    const labels = new Set(
      listed.split(', ').map(label => label.replace(/ \(.*\)$/, '')),
    );
    const versions = await this.options.specStore.listVersions(apiRef);
    return [...versions].reverse().find(v => labels.has(v.versionLabel ?? ''));
  }
}
