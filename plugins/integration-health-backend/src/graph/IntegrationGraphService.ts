import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BlastRadius,
  DependencyGraph,
  GraphDirection,
  GraphEdgeView,
  GraphObservedEdge,
  GraphNodeHealth,
  Integration,
} from '@integration-health/plugin-integration-health-common';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { attachScores } from '../evidence/scores/attachScores';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { ObservationService } from '../observations/ObservationService';
import { observedGraphEdges } from './observedGraphEdges';

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

/** One step of a walk: the entity it reaches and the edge to keep for it. */
type Step = { other: string; keep: () => void };

export class IntegrationGraphService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      scoreStore: Pick<ScoreStore, 'getScores'>;
      /** What telemetry saw; without it only declared edges are walked. */
      observations?: Pick<ObservationService, 'edgesOf'>;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async getGraph(
    root: string,
    direction: GraphDirection,
    limits: GraphLimits,
    credentials: BackstageCredentials,
    view: GraphEdgeView = 'declared',
    now = new Date(),
  ): Promise<DependencyGraph> {
    await this.visibility.assertVisible(root, credentials);
    const directions: ('upstream' | 'downstream')[] =
      direction === 'both' ? ['upstream', 'downstream'] : [direction];
    const depthOf = new Map<string, number>([[root, 0]]);
    const edges = new Map<string, Integration>();
    const observed = new Map<string, GraphObservedEdge>();
    const truncated = { depth: false, nodes: false };

    for (const walk of directions) {
      const end = (ref: { consumerRef: string; providerRef: string }) =>
        walk === 'upstream' ? ref.providerRef : ref.consumerRef;
      let frontier = [root];
      for (let depth = 1; frontier.length > 0; depth++) {
        const declared = await this.visibleNeighbours(
          frontier,
          walk,
          credentials,
        );
        const seen =
          view === 'declared'
            ? []
            : await this.observedNeighbours(
                frontier,
                walk,
                declared,
                credentials,
                now,
              );
        const steps: Step[] = [
          ...(view === 'observed' ? [] : declared).map(edge => ({
            other: end(edge),
            keep: () => edges.set(edge.id, edge),
          })),
          ...seen
            .filter(edge => view === 'both' || edge.status !== 'not-observed')
            .map(edge => ({
              other: end(edge),
              keep: () => observed.set(edge.id, edge),
            })),
        ];
        if (depth > limits.depth) {
          truncated.depth ||= steps.length > 0;
          break;
        }
        const next: string[] = [];
        for (const step of steps) {
          if (!depthOf.has(step.other)) {
            if (depthOf.size >= limits.maxNodes) {
              truncated.nodes = true;
              continue;
            }
            depthOf.set(step.other, depth);
            next.push(step.other);
          }
          step.keep();
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
      view,
      nodes: [...depthOf].map(([ref, depth]) => ({
        ref,
        depth,
        health: nodeHealth(ref, scored),
      })),
      edges: scored,
      ...(view === 'declared' ? {} : { observed: [...observed.values()] }),
      truncated,
    };
  }

  /**
   * Everyone a change to the entity reaches through declared integrations,
   * and with `follow: 'both'` also through calls telemetry saw that the
   * catalog does not declare (from the services reached; an API itself has
   * no traffic of its own to follow).
   */
  async getBlastRadius(
    apiRef: string,
    limits: GraphLimits,
    credentials: BackstageCredentials,
    follow: 'declared' | 'both' = 'declared',
    now = new Date(),
  ): Promise<BlastRadius> {
    await this.visibility.assertVisible(apiRef, credentials);
    const pathTo = new Map<string, string[]>([[apiRef, [apiRef]]]);
    const consumers: BlastRadius['consumers'] = [];
    const truncated = { depth: false, nodes: false };
    let frontier = [apiRef];
    for (let depth = 1; frontier.length > 0; depth++) {
      const declared = await this.visibleNeighbours(
        frontier,
        'downstream',
        credentials,
      );
      const undeclared =
        follow === 'both'
          ? (
              await this.observedNeighbours(
                frontier,
                'downstream',
                declared,
                credentials,
                now,
              )
            ).filter(edge => edge.status === 'undeclared')
          : [];
      const reachedNow = new Set(frontier);
      const neighbours = [
        ...declared.map(edge => ({
          consumerRef: edge.consumerRef,
          // From the API itself, or from whichever reached node this edge leaves.
          from:
            edge.apiRef && reachedNow.has(edge.apiRef)
              ? edge.apiRef
              : edge.providerRef,
          observed: false,
        })),
        ...undeclared.map(edge => ({
          consumerRef: edge.consumerRef,
          from: edge.providerRef,
          observed: true,
        })),
      ];
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
        const path = [
          ...(pathTo.get(edge.from) ?? [edge.from]),
          edge.consumerRef,
        ];
        pathTo.set(edge.consumerRef, path);
        consumers.push({
          ref: edge.consumerRef,
          depth,
          path,
          ...(edge.observed ? { via: 'observed' as const } : {}),
        });
        next.push(edge.consumerRef);
      }
      frontier = next;
    }
    return { apiRef, consumers, follows: follow, truncated };
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

  /**
   * The edges telemetry saw leading from these entities the way the walk
   * goes, against the declared ones just read, to entities the caller can
   * see.
   */
  private async observedNeighbours(
    refs: string[],
    walk: 'upstream' | 'downstream',
    declared: Integration[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<GraphObservedEdge[]> {
    if (!this.options.observations) return [];
    const byRef = await this.options.observations.edgesOf(refs, declared, now);
    const edges = refs.flatMap(ref =>
      observedGraphEdges(ref, byRef.get(ref) ?? [], walk),
    );
    const visible = await this.visibility.visibleRefs(
      edges.map(e => (walk === 'upstream' ? e.providerRef : e.consumerRef)),
      credentials,
    );
    return edges.filter(e =>
      visible.has(walk === 'upstream' ? e.providerRef : e.consumerRef),
    );
  }
}
