import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BlastRadius,
  DependencyGraph,
  GraphDirection,
  GraphNodeHealth,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { attachScores } from '../evidence/scores/attachScores';
import { CatalogVisibility } from '../integrations/CatalogVisibility';

export type GraphLimits = { depth: number; maxNodes: number };

/**
 * Walks stored integrations breadth-first on the server, so that the browser
 * gets one bounded answer however large the catalog is. Only entities the
 * caller can read appear, and the walk does not pass through the others.
 */
/**
 * A node's health on the map: the lowest known score among its integrations
 * in the payload, so a seam in trouble shows on both of its ends.
 */
function nodeHealth(ref: string, edges: Integration[]): GraphNodeHealth {
  const own = edges.filter(e => e.consumerRef === ref || e.providerRef === ref);
  const known = own.flatMap(e =>
    [e.scores?.contract.value, e.scores?.mock.value].filter(
      (v): v is number => v !== undefined,
    ),
  );
  return {
    lowestScore: known.length > 0 ? Math.min(...known) : undefined,
    integrations: own.length,
    withEvidence: own.filter(
      e =>
        e.scores?.contract.value !== undefined ||
        e.scores?.mock.value !== undefined,
    ).length,
  };
}

export class IntegrationGraphService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      scoreStore: Pick<ScoreStore, 'getScores'>;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async getGraph(
    root: string,
    direction: GraphDirection,
    limits: GraphLimits,
    credentials: BackstageCredentials,
  ): Promise<DependencyGraph> {
    await this.visibility.assertVisible(root, credentials);
    const directions: ('upstream' | 'downstream')[] =
      direction === 'both' ? ['upstream', 'downstream'] : [direction];
    const depthOf = new Map<string, number>([[root, 0]]);
    const edges = new Map<string, Integration>();
    const truncated = { depth: false, nodes: false };

    for (const walk of directions) {
      let frontier = [root];
      for (let depth = 1; frontier.length > 0; depth++) {
        const neighbours = await this.visibleNeighbours(
          frontier,
          walk,
          credentials,
        );
        if (depth > limits.depth) {
          truncated.depth ||= neighbours.length > 0;
          break;
        }
        const next: string[] = [];
        for (const edge of neighbours) {
          const other =
            walk === 'upstream' ? edge.providerRef : edge.consumerRef;
          if (!depthOf.has(other)) {
            if (depthOf.size >= limits.maxNodes) {
              truncated.nodes = true;
              continue;
            }
            depthOf.set(other, depth);
            next.push(other);
          }
          edges.set(edge.id, edge);
        }
        frontier = next;
      }
    }
    const scored = await attachScores(
      [...edges.values()],
      this.options.scoreStore,
    );
    return {
      root,
      direction,
      nodes: [...depthOf].map(([ref, depth]) => ({
        ref,
        depth,
        health: nodeHealth(ref, scored),
      })),
      edges: scored,
      truncated,
    };
  }

  async getBlastRadius(
    apiRef: string,
    limits: GraphLimits,
    credentials: BackstageCredentials,
  ): Promise<BlastRadius> {
    await this.visibility.assertVisible(apiRef, credentials);
    const pathTo = new Map<string, string[]>([[apiRef, [apiRef]]]);
    const consumers: BlastRadius['consumers'] = [];
    const truncated = { depth: false, nodes: false };
    let frontier = [apiRef];
    for (let depth = 1; frontier.length > 0; depth++) {
      const neighbours = await this.visibleNeighbours(
        frontier,
        'downstream',
        credentials,
      );
      if (depth > limits.depth) {
        truncated.depth = neighbours.some(e => !pathTo.has(e.consumerRef));
        break;
      }
      const next: string[] = [];
      for (const edge of neighbours) {
        if (pathTo.has(edge.consumerRef)) continue;
        if (consumers.length >= limits.maxNodes) {
          truncated.nodes = true;
          break;
        }
        // From the API itself, or from whichever reached node this edge leaves.
        const from = frontier.includes(edge.apiRef ?? '')
          ? edge.apiRef!
          : edge.providerRef;
        const path = [...(pathTo.get(from) ?? [from]), edge.consumerRef];
        pathTo.set(edge.consumerRef, path);
        consumers.push({ ref: edge.consumerRef, depth, path });
        next.push(edge.consumerRef);
      }
      frontier = next;
    }
    return { apiRef, consumers, truncated };
  }

  private async visibleNeighbours(
    refs: string[],
    direction: 'upstream' | 'downstream',
    credentials: BackstageCredentials,
  ): Promise<Integration[]> {
    const edges = await this.options.integrationStore.listNeighbours(
      refs,
      direction,
    );
    return this.visibility.visibleIntegrations(edges, credentials);
  }
}
