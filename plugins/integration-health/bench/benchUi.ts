/* eslint-disable no-console */
// npm run bench:ui — renders the dependency map with 1,000 and 5,000 entities
// (the graph route's maximum) and the scorecard with 300 and 3,000 teams in
// headless Chromium (Debian's, at CHROMIUM_PATH
// or /usr/bin/chromium), each several times in a fresh page, and prints the
// median and worst times; the last line is one JSON object.
// BENCH_SCREENSHOTS=<dir> saves what the last run of each showed.
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS = {
  map_1000_ms: 2000,
  scorecard_300_ms: 1500,
  // The graph route's maximum, and a large organisation's teams.
  map_5000_ms: 2000,
  scorecard_3000_ms: 1500,
};

async function bundle(outdir: string) {
  await build({
    entryPoints: [
      path.join(__dirname, 'harness.tsx'),
      // The design system's styles, as an app loads them.
      require.resolve('@backstage/ui/css/styles.css'),
    ],
    bundle: true,
    outdir,
    entryNames: '[name]',
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    jsx: 'automatic',
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env': '{}',
      global: 'globalThis',
    },
    loader: {
      '.module.css': 'local-css',
      '.css': 'css',
      '.svg': 'dataurl',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
    },
    logLevel: 'error',
  });
  fs.writeFileSync(
    path.join(outdir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="styles.css"><link rel="stylesheet" href="harness.css"></head>' +
      '<body><div id="root"></div><script type="module" src="harness.js"></script></body></html>',
  );
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, new URL(req.url!, 'http://x').pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ih-bench-ui-'));
  const started = Date.now();
  await bundle(dir);
  console.log(`harness bundled in ${Date.now() - started} ms`);
  const server = await serve(dir);
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const results: Record<string, number> = {};
  try {
    for (const [key, view, size] of [
      ['map_1000_ms', 'map', 1000],
      ['scorecard_300_ms', 'scorecard', 300],
      ['map_5000_ms', 'map', 5000],
      ['scorecard_3000_ms', 'scorecard', 3000],
    ] as const) {
      const times: number[] = [];
      // One warm-up run loads and compiles the bundle; it is not counted.
      for (let run = 0; run <= RUNS; run++) {
        const page = await browser.newPage({
          viewport: { width: 1440, height: 900 },
        });
        const cdp = process.env.BENCH_METRICS
          ? await page.context().newCDPSession(page)
          : undefined;
        await cdp?.send('Performance.enable');
        const errors: string[] = [];
        page.on('pageerror', error => errors.push(error.message));
        await page.goto(
          `http://127.0.0.1:${port}/index.html?view=${view}&size=${size}`,
        );
        const result = await page
          .waitForFunction(() => window.benchResult, undefined, {
            timeout: 60_000,
          })
          .then(handle => handle.jsonValue())
          .catch(error => {
            throw new Error(
              `${view} did not render ${size} items: ${
                errors.join('; ') || error.message
              }`,
            );
          });
        if (run > 0) times.push(result!.ms);
        if (cdp && run === RUNS) {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const pick = (name: string) =>
            Math.round((metrics.find(m => m.name === name)?.value ?? 0) * 1000);
          console.log(
            `${view} ${size}: script ${pick(
              'ScriptDuration',
            )} ms, layout ${pick('LayoutDuration')} ms, style ${pick(
              'RecalcStyleDuration',
            )} ms, task ${pick('TaskDuration')} ms`,
          );
        }
        if (run === RUNS && process.env.BENCH_SCREENSHOTS) {
          await page.screenshot({
            path: path.join(process.env.BENCH_SCREENSHOTS, `${view}.png`),
            fullPage: false,
          });
        }
        await page.close();
      }
      results[key] = Math.round(median(times));
      console.log(
        `${key}: median ${results[key]} ms, worst ${Math.round(
          Math.max(...times),
        )} ms over ${RUNS} runs (target ≤ ${TARGETS[key]} ms)`,
      );
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
