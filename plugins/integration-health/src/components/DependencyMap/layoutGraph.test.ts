import { Integration } from '@integration-health/plugin-integration-health-common';
import { layoutGraph } from './layoutGraph';

function edge(
  consumerRef: string,
  providerRef: string,
  owned = true,
): Integration {
  return {
    id: `${consumerRef}>${providerRef}`,
    consumerRef,
    providerRef,
    kind: 'http',
    sources: ['dependsOn'],
    accountableOwnerRef: owned ? 'group:default/a' : undefined,
    findings: [],
    firstSeenAt: '',
    lastSeenAt: '',
  };
}

describe('layoutGraph', () => {
  it('puts consumers left of their providers and routes every edge', () => {
    const layout = layoutGraph({
      root: 'component:default/b',
      direction: 'both',
      nodes: [
        { ref: 'component:default/a', depth: 1 },
        { ref: 'component:default/b', depth: 0 },
        { ref: 'component:default/c', depth: 1 },
      ],
      edges: [
        edge('component:default/a', 'component:default/b'),
        edge('component:default/b', 'component:default/c', false),
      ],
      truncated: { depth: false, nodes: false },
    });
    const x = (ref: string) => layout.nodes.find(n => n.ref === ref)!.x;
    expect(x('component:default/a')).toBeLessThan(x('component:default/b'));
    expect(x('component:default/b')).toBeLessThan(x('component:default/c'));
    expect(layout.edges.map(e => [e.unowned, e.points.length > 1])).toEqual([
      [false, true],
      [true, true],
    ]);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('places a thousand nodes without overlaps on the same layer', () => {
    const nodes = [{ ref: 'component:default/hub', depth: 0 }];
    const edges: Integration[] = [];
    for (let i = 0; i < 999; i++) {
      const ref = `component:default/c${i}`;
      nodes.push({ ref, depth: 1 });
      edges.push(edge(ref, 'component:default/hub'));
    }
    const layout = layoutGraph({
      root: 'component:default/hub',
      direction: 'downstream',
      nodes,
      edges,
      truncated: { depth: false, nodes: false },
    });
    const ys = new Set(
      layout.nodes.filter(n => n.depth === 1).map(n => Math.round(n.y)),
    );
    expect(ys.size).toBe(999);
  });
});
