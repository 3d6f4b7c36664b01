import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, output, run } from './proc';

/** The create-app release whose template the test starts from (Backstage 1.55). */
export const CREATE_APP_VERSION = '0.9.2';
const APP_NAME = 'adopter-app';

/**
 * Creates a stock app with the pinned `@backstage/create-app`, without
 * installing it. create-app checks that `yarn -v` answers even with
 * --skip-install, so a shim answers for this one command.
 */
export async function createStockApp(options: {
  workDir: string;
  appDir: string;
  log: string;
}) {
  const { workDir, appDir, log } = options;
  const toolsDir = path.join(workDir, 'tools');
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(
    path.join(toolsDir, 'package.json'),
    '{ "name": "adopter-tools", "private": true }\n',
  );
  await run(
    `npm install --no-audit --no-fund --loglevel=error @backstage/create-app@${CREATE_APP_VERSION}`,
    { cwd: toolsDir, log },
  );
  const shimDir = path.join(workDir, 'yarn-shim');
  fs.mkdirSync(shimDir, { recursive: true });
  fs.writeFileSync(path.join(shimDir, 'yarn'), '#!/bin/sh\necho 4.13.0\n', {
    mode: 0o755,
  });
  await run(
    `'${toolsDir}/node_modules/.bin/backstage-create-app' --skip-install --path '${appDir}'`,
    {
      cwd: workDir,
      log,
      env: cleanEnv({
        PATH: `${shimDir}:${process.env.PATH}`,
        BACKSTAGE_APP_NAME: APP_NAME,
      }),
      timeoutMs: 2 * 60_000,
    },
  );
  return readBackstageVersion(appDir);
}

export function readBackstageVersion(appDir: string): string {
  return JSON.parse(
    fs.readFileSync(path.join(appDir, 'backstage.json'), 'utf8'),
  ).version;
}

const DEPENDENCY_TYPES = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

/**
 * A release manifest for `backstage-cli versions:bump` (through
 * BACKSTAGE_MANIFEST_FILE), since versions.backstage.io is unreachable here:
 * the registry's `latest` version of every @backstage package the app
 * names, under the release this repository is on (its backstage.json).
 */
export async function writeReleaseManifest(options: {
  appDir: string;
  releaseVersion: string;
  file: string;
}) {
  const names = new Set<string>();
  for (const file of listPackageJsons(options.appDir)) {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const type of DEPENDENCY_TYPES) {
      for (const name of Object.keys(pkg[type] ?? {})) {
        if (name.startsWith('@backstage/')) names.add(name);
      }
    }
  }
  const registry = (
    await output('npm config get registry', { cwd: options.appDir })
  )
    .trim()
    .replace(/\/?$/, '/');
  const packages = await mapLimit([...names].sort(), 8, async name => {
    const res = await fetch(`${registry}${name.replace('/', '%2f')}`, {
      headers: { accept: 'application/vnd.npm.install-v1+json' },
    });
    if (!res.ok)
      throw new Error(`${name}: the registry answered ${res.status}`);
    const version = (await res.json())['dist-tags']?.latest;
    if (!version) throw new Error(`${name} has no latest version`);
    return { name, version };
  });
  const manifest = { releaseVersion: options.releaseVersion, packages };
  fs.writeFileSync(options.file, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function listPackageJsons(appDir: string): string[] {
  const files = [path.join(appDir, 'package.json')];
  for (const parent of ['packages', 'plugins']) {
    const dir = path.join(appDir, parent);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir)) {
      const file = path.join(dir, entry, 'package.json');
      if (fs.existsSync(file)) files.push(file);
    }
  }
  return files;
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/**
 * What the test adds that an adopter would not: a small catalog of its
 * own (registered in app-config.yaml like the stock examples), and in
 * app-config.local.yaml a free port and a sync that starts soon and repeats
 * every 20 seconds, since the default first runs after 15 s and then every
 * 30 minutes.
 */
export function addTestCatalogAndConfig(options: {
  appDir: string;
  entitiesFile: string;
  port: number;
}) {
  const { appDir, port } = options;
  const target = 'examples/integration-health-example.yaml';
  fs.copyFileSync(options.entitiesFile, path.join(appDir, target));

  const configFile = path.join(appDir, 'app-config.yaml');
  const config = fs.readFileSync(configFile, 'utf8');
  const anchor = /^catalog:\n(?:.*\n)*?  locations:\n/m;
  if (!anchor.test(config)) {
    throw new Error(`no catalog.locations in ${configFile}`);
  }
  fs.writeFileSync(
    configFile,
    config.replace(
      anchor,
      match =>
        `${match}    # Integration Health adopter test\n` +
        `    - type: file\n` +
        `      target: ../../${target}\n` +
        `      rules:\n` +
        `        - allow: [Group, Component, API, Resource]\n\n`,
    ),
  );

  const baseUrl = `http://localhost:${port}`;
  fs.writeFileSync(
    path.join(appDir, 'app-config.local.yaml'),
    [
      '# Written by the Integration Health adopter test.',
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      '  listen:',
      `    port: ${port}`,
      '  cors:',
      `    origin: ${baseUrl}`,
      'integrationHealth:',
      '  sync:',
      '    schedule:',
      '      frequency: { seconds: 20 }',
      '      timeout: { minutes: 5 }',
      '      initialDelay: { seconds: 3 }',
      '',
    ].join('\n'),
  );
  return baseUrl;
}

/** Installed versions of the packages that say which Backstage this is. */
export function installedVersions(appDir: string, names: string[]) {
  return names.map(name => {
    const file = path.join(appDir, 'node_modules', name, 'package.json');
    const version = fs.existsSync(file)
      ? JSON.parse(fs.readFileSync(file, 'utf8')).version
      : 'not installed';
    return { name, version };
  });
}
