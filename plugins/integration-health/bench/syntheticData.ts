import {
  DependencyGraph,
  Integration,
  Scorecard,
} from '@integration-health/plugin-integration-health-common';

/** A deterministic pseudo-random sequence, so every run draws the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A dependency graph of `size` entities around one root: layers up to
 * depth 4 upstream and downstream, each entity depending on one to three
 * entities of the layer closer to the root, a third of them through an API.
 */
export function syntheticGraph(size: number): DependencyGraph {
  const next = random(7);
  const root = 'component:default/root-service';
  const nodes: DependencyGraph['nodes'] = [{ ref: root, depth: 0 }];
  const edges: Integration[] = [];
  const layers: string[][] = [[root]];
  const perLayer = Math.ceil((size - 1) / 4);
  for (let depth = 1; depth <= 4 && nodes.length < size; depth++) {
    const layer: string[] = [];
    for (let i = 0; i < perLayer && nodes.length < size; i++) {
      const ref = `component:default/service-${depth}-${i}`;
      layer.push(ref);
      const lowestScore = next() < 0.3 ? undefined : Math.round(next() * 100);
      nodes.push({
        ref,
        depth,
        health:
          lowestScore === undefined
            ? undefined
            : { lowestScore, integrations: 2, withEvidence: 1 },
      });
      const closer = layers[depth - 1];
      const links = 1 + Math.floor(next() * 3);
      for (let l = 0; l < links; l++) {
        const target = closer[Math.floor(next() * closer.length)];
        // Odd layers consume the layer closer to the root; even ones provide to it.
        const [consumerRef, providerRef] =
          depth % 2 ? [ref, target] : [target, ref];
        const id = `${consumerRef}>${providerRef}`;
        if (edges.some(e => e.id === id)) continue;
        edges.push({
          id,
          consumerRef,
          providerRef,
          apiRef:
            next() < 0.33
              ? `api:default/${providerRef.slice(18)}-api`
              : undefined,
          kind: 'http',
          sources: ['dependsOn'],
          accountableOwnerRef:
            next() < 0.8 ? 'group:default/team-1' : undefined,
          findings: [],
          firstSeenAt: '2026-11-01T00:00:00.000Z',
          lastSeenAt: '2026-11-22T00:00:00.000Z',
        });
      }
    }
    layers.push(layer);
  }
  return {
    root,
    direction: 'both',
    nodes,
    edges,
    truncated: { depth: false, nodes: false },
  };
}

/** A scorecard of `teams` teams with every column filled and trends. */
export function syntheticScorecard(teams: number): Scorecard {
  const next = random(11);
  const score = () => (next() < 0.2 ? undefined : Math.round(next() * 100));
  return {
    kind: 'team',
    day: '2026-11-22',
    since: '2026-10-23',
    windowDays: 30,
    rows: Array.from({ length: teams }, (_, i) => {
      const integrations = 5 + Math.floor(next() * 80);
      const asProvider = Math.floor(integrations * next());
      return {
        ref: `group:default/team-${String(i).padStart(3, '0')}`,
        integrations,
        asProvider,
        asConsumer: integrations - asProvider,
        ownedShare: Math.round(next() * 1000) / 1000,
        contract: score(),
        mock: score(),
        evidenceShare: Math.round(next() * 1000) / 1000,
        breakingChanges: {
          announced: Math.floor(next() * 4),
          pending: Math.floor(next() * 6),
          overdue: Math.floor(next() * 3),
        },
        incidents: {
          count: Math.floor(next() * 3),
          durationMinutes: Math.floor(next() * 300),
          affectedTransactions: Math.floor(next() * 5000),
          money: next() < 0.5 ? {} : { EUR: Math.round(next() * 1e6) / 100 },
        },
        trend: {
          contract: Math.round((next() - 0.5) * 40),
          mock: Math.round((next() - 0.5) * 40),
          ownedShare: Math.round((next() - 0.5) * 100) / 1000,
          evidenceShare: Math.round((next() - 0.5) * 100) / 1000,
        },
      };
    }),
  };
}
