import {
  DependencyGraph,
  GraphNodeHealth,
  GraphObservedEdge,
} from '@integration-health/plugin-integration-health-common';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 36;
const LAYER_GAP = 80;
const ROW_GAP = 12;
const MARGIN = 10;
const SWEEPS = 4;

export type PlacedNode = {
  ref: string;
  depth: number;
  x: number;
  y: number;
  health?: GraphNodeHealth;
};
export type PlacedEdge = {
  id: string;
  consumerRef: string;
  providerRef: string;
  apiRef?: string;
  points: { x: number; y: number }[];
  /** No accountable owner: drawn as a finding. */
  unowned: boolean;
  /** What telemetry saw on it, when the map shows observed edges. */
  observed?: GraphObservedEdge;
  /** Seen by telemetry only: no declared integration stands behind it. */
  observedOnly?: boolean;
};

/** An edge to place: a declared integration, or one only telemetry saw. */
type MapEdge = Omit<PlacedEdge, 'points'>;

/**
 * The edges the map draws: each declared integration with what telemetry
 * saw on it, and observed edges no declared integration on the map stands
 * for (undeclared ones, and all of them when declared ones are not shown).
 */
export function mapEdges(graph: DependencyGraph): MapEdge[] {
  const declaredIds = new Set(graph.edges.map(e => e.id));
  const byIntegration = new Map(
    (graph.observed ?? []).flatMap(o =>
      o.integrationId ? [[o.integrationId, o] as const] : [],
    ),
  );
  return [
    ...graph.edges.map(edge => ({
      id: edge.id,
      consumerRef: edge.consumerRef,
      providerRef: edge.providerRef,
      apiRef: edge.apiRef,
      unowned: !edge.accountableOwnerRef,
      ...(byIntegration.has(edge.id)
        ? { observed: byIntegration.get(edge.id) }
        : {}),
    })),
    ...(graph.observed ?? [])
      .filter(o => !o.integrationId || !declaredIds.has(o.integrationId))
      .filter(o => o.status !== 'not-observed')
      .map(o => ({
        id: o.id,
        consumerRef: o.consumerRef,
        providerRef: o.providerRef,
        unowned: false,
        observed: o,
        observedOnly: true,
      })),
  ];
}
export type GraphLayout = {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
};

/** Layer of each node: consumers to the left of the providers they depend on. */
function assignLayers(
  graph: DependencyGraph,
  edges: MapEdge[],
): Map<string, number> {
  const layer = new Map<string, number>([[graph.root, 0]]);
  const byNode = new Map<string, MapEdge[]>();
  for (const edge of edges) {
    for (const ref of [edge.consumerRef, edge.providerRef]) {
      byNode.set(ref, [...(byNode.get(ref) ?? []), edge]);
    }
  }
  const queue = [graph.root];
  while (queue.length) {
    const ref = queue.shift()!;
    const at = layer.get(ref)!;
    for (const edge of byNode.get(ref) ?? []) {
      const [other, step] =
        edge.consumerRef === ref
          ? [edge.providerRef, 1]
          : [edge.consumerRef, -1];
      if (!layer.has(other)) {
        layer.set(other, at + step);
        queue.push(other);
      }
    }
  }
  for (const node of graph.nodes) {
    if (!layer.has(node.ref)) layer.set(node.ref, node.depth);
  }
  return layer;
}

/**
 * Places the map left to right in layers, ordering each layer by the mean
 * position of its neighbours (a few barycenter sweeps) to keep crossings
 * down. Linear in nodes and edges per sweep: a thousand nodes lay out in
 * milliseconds, where a general layered layout (dagre) took seconds.
 */
export function layoutGraph(graph: DependencyGraph): GraphLayout {
  const known = new Set(graph.nodes.map(n => n.ref));
  const edges = mapEdges(graph).filter(
    e => known.has(e.consumerRef) && known.has(e.providerRef),
  );
  const layerOf = assignLayers(graph, edges);
  const layers = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const l = layerOf.get(node.ref)!;
    layers.set(l, [...(layers.get(l) ?? []), node.ref]);
  }
  const order = [...layers.keys()].sort((a, b) => a - b);
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.consumerRef, [
      ...(neighbours.get(e.consumerRef) ?? []),
      e.providerRef,
    ]);
    neighbours.set(e.providerRef, [
      ...(neighbours.get(e.providerRef) ?? []),
      e.consumerRef,
    ]);
  }

  const position = new Map<string, number>();
  for (const l of order)
    layers.get(l)!.forEach((ref, i) => position.set(ref, i));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const sequence = sweep % 2 === 0 ? order : [...order].reverse();
    for (const l of sequence) {
      const refs = layers.get(l)!;
      const score = (ref: string) => {
        const near = (neighbours.get(ref) ?? []).filter(
          n => layerOf.get(n) !== l,
        );
        return near.length
          ? near.reduce((sum, n) => sum + position.get(n)!, 0) / near.length
          : position.get(ref)!;
      };
      const scores = new Map(refs.map(ref => [ref, score(ref)]));
      refs.sort(
        (a, b) => scores.get(a)! - scores.get(b)! || a.localeCompare(b),
      );
      refs.forEach((ref, i) => position.set(ref, i));
    }
  }

  const tallest = Math.max(...[...layers.values()].map(r => r.length));
  const height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const place = new Map<string, { x: number; y: number }>();
  order.forEach((l, column) => {
    const refs = layers.get(l)!;
    const offset = ((tallest - refs.length) * (NODE_HEIGHT + ROW_GAP)) / 2;
    refs.forEach((ref, row) => {
      place.set(ref, {
        x: MARGIN + column * (NODE_WIDTH + LAYER_GAP) + NODE_WIDTH / 2,
        y: MARGIN + offset + row * (NODE_HEIGHT + ROW_GAP) + NODE_HEIGHT / 2,
      });
    });
  });

  const depthOf = new Map(graph.nodes.map(n => [n.ref, n.depth]));
  return {
    width:
      MARGIN * 2 + order.length * NODE_WIDTH + (order.length - 1) * LAYER_GAP,
    height,
    nodes: graph.nodes.map(n => ({
      ref: n.ref,
      depth: depthOf.get(n.ref) ?? 0,
      health: n.health,
      ...place.get(n.ref)!,
    })),
    edges: edges.map(edge => {
      const from = place.get(edge.consumerRef)!;
      const to = place.get(edge.providerRef)!;
      const forward = from.x < to.x;
      return {
        ...edge,
        points: [
          {
            x: from.x + (forward ? NODE_WIDTH / 2 : 0),
            y: from.y + (forward ? 0 : NODE_HEIGHT / 2),
          },
          {
            x: to.x - (forward ? NODE_WIDTH / 2 : 0),
            y: to.y + (forward ? 0 : NODE_HEIGHT / 2),
          },
        ],
      };
    }),
  };
}
