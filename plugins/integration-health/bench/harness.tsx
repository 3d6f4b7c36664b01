// The page the UI benchmark opens in Chromium: one component of the plugin
// in a legacy test app, fed synthetic data without a network, timed from
// the first render until the browser has painted every node or row.
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, wrapInTestApp } from '@backstage/test-utils';
import { createRoot } from 'react-dom/client';
import { integrationHealthApiRef } from '../src/api';
import { DependencyMap } from '../src/components/DependencyMap';
import { ScorecardPage } from '../src/components/Scorecard';
import { syntheticGraph, syntheticScorecard } from './syntheticData';

declare global {
  interface Window {
    benchResult?: { ms: number; count: number };
  }
}

const params = new URLSearchParams(window.location.search);
const view = params.get('view') === 'scorecard' ? 'scorecard' : 'map';
const size = Number(params.get('size') ?? (view === 'map' ? 1000 : 300));

// The data exists before the clock starts: the benchmark times the UI.
const graph = syntheticGraph(size);
const card = syntheticScorecard(size);
const api = {
  getGraph: async () => graph,
  getBlastRadius: async () => undefined,
  getScorecard: async () => card,
};

// The map draws every node; the scorecard its first page of 100 rows and
// says how many there are in all.
const expected = view === 'map' ? size : Math.min(size, 100);
const rendered =
  view === 'map'
    ? () => document.querySelectorAll('svg[role="group"] g > a').length
    : () =>
        size > 100 && !document.body.textContent?.includes(`of ${size}`)
          ? 0
          : document.querySelectorAll(
              'table[aria-label="Scorecard by team"] tbody tr',
            ).length;

const start = performance.now();
createRoot(document.getElementById('root')!).render(
  wrapInTestApp(
    <TestApiProvider apis={[[integrationHealthApiRef, api as any]]}>
      {view === 'map' ? (
        <DependencyMap entityRef={graph.root} />
      ) : (
        <ScorecardPage />
      )}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  ),
);

function waitForPaint() {
  const count = rendered();
  if (count < expected) {
    requestAnimationFrame(waitForPaint);
    return;
  }
  // The frame after the one that added the last element has been painted.
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.benchResult = { ms: performance.now() - start, count };
    }, 0),
  );
}
requestAnimationFrame(waitForPaint);
