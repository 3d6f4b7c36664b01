// A real Prometheus (Debian's `prometheus` package) for tests: started on a
// free loopback port with its own config and storage in a temp folder.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The prometheus binary: PROMETHEUS_BIN, else the one on PATH; undefined when there is none. */
export function prometheusBinary(): string | undefined {
  const candidate = process.env.PROMETHEUS_BIN || 'prometheus';
  try {
    execFileSync(candidate, ['--version'], { stdio: 'ignore' });
    return candidate;
  } catch {
    return undefined;
  }
}

/** The version line Prometheus prints, e.g. `prometheus, version 2.42.0+ds`. */
export function prometheusVersion(binary: string): string {
  return execFileSync(binary, ['--version'], { encoding: 'utf8' })
    .split('\n')[0]
    .trim();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RealPrometheus = {
  url: string;
  stop(): Promise<void>;
};

/**
 * Starts Prometheus scraping `target` (`host:port`, path `/metrics`) every
 * second, and resolves once it is ready.
 */
export async function startPrometheus(target: string): Promise<RealPrometheus> {
  const binary = prometheusBinary();
  if (!binary) {
    throw new Error(
      'Prometheus is needed for this test: apt-get install prometheus, or set PROMETHEUS_BIN',
    );
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometheus-'));
  const config = path.join(root, 'prometheus.yml');
  fs.writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: service-graph',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(root, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus exited at start: ${output}`);
    }
    try {
      const ready = await fetch(`${url}/-/ready`);
      if (ready.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus was not ready within 30 s: ${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return { url, stop };
}
