// A real WireMock (the standalone server from the `wiremock` npm package, run
// by a Java runtime) for tests that check our WireMock mappings and our
// reading of them against WireMock itself.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MockInteraction } from '../evidence/mocks/mockInteractions';

/** The java binary: JAVA_HOME's, else the one on PATH; undefined when there is none. */
export function javaBinary(): string | undefined {
  const candidates = [
    ...(process.env.JAVA_HOME
      ? [path.join(process.env.JAVA_HOME, 'bin', 'java')]
      : []),
    'java',
  ];
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function wireMockJar(): string {
  const dir = path.join(
    path.dirname(require.resolve('wiremock/package.json')),
    'build',
  );
  const jar = fs
    .readdirSync(dir)
    .find(f => /^wiremock-standalone.*\.jar$/.test(f));
  if (!jar) throw new Error(`No WireMock standalone jar in ${dir}`);
  return path.join(dir, jar);
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

export type RealWireMock = {
  url: string;
  /** Replaces every stub with these mappings (ids kept); throws with WireMock's answer when it refuses them. */
  load(mappings: unknown[]): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts WireMock on a free loopback port. With `mappingFiles`, they are
 * placed in its `mappings` folder as files, so WireMock reads them as it
 * reads a team's folder (comments and all).
 */
export async function startWireMock(
  options: { mappingFiles?: Record<string, string> } = {},
): Promise<RealWireMock> {
  const java = javaBinary();
  if (!java) throw new Error('A Java runtime is needed to run WireMock');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wiremock-'));
  fs.mkdirSync(path.join(root, 'mappings'));
  fs.mkdirSync(path.join(root, '__files'));
  for (const [name, text] of Object.entries(options.mappingFiles ?? {})) {
    fs.writeFileSync(path.join(root, 'mappings', name), text);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    java,
    [
      '-Xmx256m',
      '-jar',
      wireMockJar(),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      root,
      '--disable-banner',
      '--no-request-journal',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`WireMock exited at start: ${output}`);
    }
    try {
      const health = await fetch(`${url}/__admin/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`WireMock did not start in 60 s: ${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }

  return {
    url,
    async load(mappings) {
      const reset = await fetch(`${url}/__admin/mappings`, {
        method: 'DELETE',
      });
      if (!reset.ok) throw new Error(`WireMock reset: ${reset.status}`);
      const imported = await fetch(`${url}/__admin/mappings/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ mappings }),
      });
      if (!imported.ok) {
        throw new Error(
          `WireMock refused the mappings: ${
            imported.status
          } ${await imported.text()}`,
        );
      }
    },
    stop,
  };
}

export type Answer = { status: number; matched?: string; text: string };

/**
 * The request a stub describes, sent as a client would send it (with
 * node:http: fetch refuses a GET with a body, which a spec may describe).
 */
export function send(
  url: string,
  interaction: MockInteraction,
  bytes?: Buffer,
): Promise<Answer> {
  if (interaction.kind !== 'http') throw new Error('not HTTP');
  const {
    method,
    path: requestPath,
    query,
    headers,
    body,
  } = interaction.request;
  const contentType = Object.entries(headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  let payload: string | Buffer | undefined = bytes;
  if (payload === undefined && body !== undefined) {
    payload =
      typeof body === 'string' && !/json/i.test(contentType ?? '')
        ? body
        : JSON.stringify(body);
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}${requestPath}${query ? `?${query}` : ''}`,
      {
        method,
        headers: {
          ...headers,
          ...(payload !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(payload)) }
            : {}),
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            matched: response.headers['matched-stub-id'] as string | undefined,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
