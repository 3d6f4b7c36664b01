/*
 * The adopter test (`npm run test:adopter`): installs the packed tarballs of
 * this repository into a stock Backstage app exactly as the README's
 * "Installing into your Backstage app" section says, starts it and checks
 * the REST API and the plugin's pages in Chromium.
 *
 *   --keep           keep the stock app in the temp dir even when it passes
 *   --working-tree   pack the working tree as it is instead of the committed HEAD
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ChildProcess } from 'node:child_process';
import { checkPages, CHROMIUM_PATH } from './browserChecks';
import { exportsInProgress, packTarballs, Tarball } from './pack';
import { cleanEnv, run, start, stopAll, tail } from './proc';
import { insertCode, readInstallSection, SECTION_TITLE } from './readme';
import {
  checkRestApi,
  guestToken,
  waitForFirstSync,
  waitForReadiness,
} from './restChecks';
import {
  addTestCatalogAndConfig,
  createStockApp,
  CREATE_APP_VERSION,
  installedVersions,
  readBackstageVersion,
  writeReleaseManifest,
} from './stockApp';

const repoRoot = path.resolve(__dirname, '..', '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();

const workDir = fs.mkdtempSync(
  path.join(process.env.TMPDIR ?? os.tmpdir(), 'ih-adopter-'),
);
const appDir = path.join(workDir, 'app');
const artifacts = path.join(workDir, 'artifacts');
const logs = path.join(artifacts, 'logs');
const resultsDir = path.join(repoRoot, 'test-results', 'adopter');
fs.mkdirSync(logs, { recursive: true });

const timings: { name: string; seconds: number }[] = [];
let stepNumber = 0;
let backendLog: string | undefined;
let backend: ChildProcess | undefined;
let packFailure: StepError | undefined;
let stockVersion: string | undefined;
const warnings: string[] = [];

class StepError extends Error {
  constructor(readonly step: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const say = (line: string) => process.stdout.write(`${line}\n`);

function logFile(name: string) {
  stepNumber += 1;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
  return path.join(logs, `${String(stepNumber).padStart(2, '0')}-${slug}.log`);
}

async function step<T>(name: string, fn: (log: string) => Promise<T>) {
  const log = logFile(name);
  const t0 = Date.now();
  say(`▶ ${name}`);
  try {
    const result = await fn(log);
    const s = seconds(Date.now() - t0);
    timings.push({ name, seconds: s });
    say(`  ✔ ${s} s`);
    return result;
  } catch (error) {
    throw error instanceof StepError ? error : new StepError(name, error);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * How the test runs a README command: `@integration-health/*` names become
 * the tarballs (they are not on the registry), and the bump uses a release
 * manifest and the repository's own backstage-cli (the same version), since
 * it runs before the stock app's first install.
 */
function mapCommand(
  command: string,
  tarballs: Map<string, Tarball> | undefined,
  manifestFile: string,
) {
  let mapped = command;
  let env: NodeJS.ProcessEnv | undefined;
  if (/^npx backstage-cli versions:bump\b/.test(command)) {
    mapped = command.replace(
      /^npx backstage-cli/,
      `'${path.join(repoRoot, 'node_modules', '.bin', 'backstage-cli')}'`,
    );
    env = { BACKSTAGE_MANIFEST_FILE: manifestFile };
  }
  mapped = mapped.replace(/@integration-health\/[a-z0-9-]+/g, name => {
    const tarball = tarballs?.get(name);
    if (!tarball) {
      throw new Error(
        `the README installs ${name}, which this repository does not pack`,
      );
    }
    return `'${tarball.file}'`;
  });
  return { mapped, env };
}

async function main() {
  say(`Adopter test: work dir ${workDir}`);
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new StepError(
      'prerequisites',
      `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`,
    );
  }
  const readmeActions = readInstallSection(path.join(repoRoot, 'README.md'));
  const releaseVersion = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'backstage.json'), 'utf8'),
  ).version;
  const port = await freePort();

  // Packing runs while the stock app is created and installed.
  const packLog = logFile('pack tarballs');
  const packStart = Date.now();
  say(
    `▶ pack tarballs (in the background, from ${
      args.has('--working-tree') ? 'the working tree' : 'the committed HEAD'
    })`,
  );
  const packing = packTarballs({
    repoRoot,
    workingTree: args.has('--working-tree'),
    destination: path.join(workDir, 'tarballs'),
    log: packLog,
  }).then(
    packed => {
      warnings.push(...packed.warnings);
      timings.push({
        name: 'pack tarballs (background)',
        seconds: seconds(Date.now() - packStart),
      });
      return packed.tarballs;
    },
    error => {
      throw new StepError('pack tarballs', error);
    },
  );
  // A failed pack stops what runs meanwhile (the stock app's install) at once.
  packing.catch(error => {
    packFailure = error;
    stopAll('SIGTERM');
  });

  stockVersion = await step(
    `create a stock app with @backstage/create-app@${CREATE_APP_VERSION}`,
    log => createStockApp({ workDir, appDir, log }),
  );
  say(`  stock app: Backstage ${stockVersion}`);

  const manifestFile = path.join(artifacts, 'release-manifest.json');
  await step(
    `release manifest for ${releaseVersion} from the registry`,
    async () => {
      const manifest = await writeReleaseManifest({
        appDir,
        releaseVersion,
        file: manifestFile,
      });
      say(
        `  ${manifest.packages.length} @backstage packages, manifest ${manifestFile}`,
      );
    },
  );

  let tarballs: Map<string, Tarball> | undefined;
  for (const action of readmeActions) {
    if (action.type === 'code') {
      await step(`README: add code to ${action.file}`, async () => {
        insertCode(path.join(appDir, action.file), action.code);
      });
      continue;
    }
    if (action.command.includes('@integration-health/') && !tarballs) {
      const packed = await packing;
      tarballs = new Map(packed.map(t => [t.name, t]));
      say(`  tarballs: ${packed.map(t => path.basename(t.file)).join(', ')}`);
      await step('point npm at the tarballs (root overrides)', log =>
        run(
          `npm pkg set ${packed
            .map(t => `'overrides.${t.name}=file:${t.file}'`)
            .join(' ')}`,
          { cwd: appDir, log },
        ),
      );
    }
    await step(`README: ${action.command}`, async log => {
      const { mapped, env } = mapCommand(
        action.command,
        tarballs,
        manifestFile,
      );
      if (mapped !== action.command) say(`  runs: ${mapped}`);
      await run(mapped, {
        cwd: appDir,
        log,
        // The cache is warm from the repository's own install: revalidating
        // some 3,000 packuments costs over a minute and changes nothing.
        env: cleanEnv({ npm_config_prefer_offline: 'true', ...env }),
        timeoutMs: 20 * 60_000,
      });
    });
  }
  if (!tarballs) {
    throw new StepError(
      'README',
      `"${SECTION_TITLE}" installs no @integration-health package`,
    );
  }
  checkInstalledFromTarballs(tarballs);

  const baseUrl = await step(
    'add the example catalog and test config',
    async () =>
      addTestCatalogAndConfig({
        appDir,
        entitiesFile: path.join(__dirname, 'integration-health-example.yaml'),
        port,
      }),
  );

  // As an adopter's CI would; skipLibCheck off, so our declarations are checked too.
  await step('type check the app (npm run tsc:full)', log =>
    run('npm run tsc:full', { cwd: appDir, log, timeoutMs: 5 * 60_000 }),
  );

  await step('build the frontend (npm run build -w app)', log =>
    run('npm run build -w app', { cwd: appDir, log, timeoutMs: 10 * 60_000 }),
  );

  backendLog = path.join(logs, 'backend.log');
  await step(
    `start the backend on ${baseUrl} (npm start -w backend)`,
    async () => {
      backend = start('npm start -w backend', {
        cwd: appDir,
        log: backendLog!,
        env: cleanEnv(),
      });
      await waitForReadiness(
        baseUrl,
        4 * 60_000,
        () => backend?.exitCode === null,
      );
    },
  );

  const restArtifacts = path.join(artifacts, 'rest');
  fs.mkdirSync(restArtifacts, { recursive: true });
  const token = await step('guest sign-in', () => guestToken(baseUrl));
  await step('first sync of the example catalog', () =>
    waitForFirstSync({
      baseUrl,
      token,
      artifacts: restArtifacts,
      timeoutMs: 3 * 60_000,
    }),
  );
  const restChecked = await step('REST API', () =>
    checkRestApi({ baseUrl, token, artifacts: restArtifacts }),
  );
  restChecked.forEach(line => say(`  ${line}`));

  const pageChecked = await step('pages in Chromium', () =>
    checkPages({ baseUrl, artifacts: path.join(artifacts, 'screenshots') }),
  );
  pageChecked.forEach(line => say(`  ${line}`));
}

/** The installed packages are the tarballs' contents, not links to the repository. */
function checkInstalledFromTarballs(tarballs: Map<string, Tarball>) {
  for (const name of tarballs.keys()) {
    const dir = path.join(appDir, 'node_modules', name);
    if (!fs.existsSync(dir)) continue; // not needed by what the README installs
    if (fs.lstatSync(dir).isSymbolicLink()) {
      throw new StepError(
        'README',
        `${name} is a link, not an installed tarball`,
      );
    }
  }
}

function summary(failed?: StepError) {
  say('');
  say('── Adopter test summary ──');
  for (const t of timings)
    say(`  ${String(t.seconds).padStart(6)} s  ${t.name}`);
  say(`  total ${seconds(Date.now() - started)} s`);
  if (fs.existsSync(path.join(appDir, 'backstage.json'))) {
    const now = readBackstageVersion(appDir);
    say(
      `  stock app: @backstage/create-app ${CREATE_APP_VERSION} made Backstage ${stockVersion}; backstage.json now ${now}`,
    );
  }
  if (fs.existsSync(path.join(appDir, 'node_modules'))) {
    const versions = installedVersions(appDir, [
      '@backstage/cli',
      '@backstage/backend-defaults',
      '@backstage/backend-plugin-api',
      '@backstage/frontend-defaults',
      '@backstage/frontend-plugin-api',
      '@backstage/plugin-catalog-backend',
      '@backstage/plugin-catalog-react',
      '@backstage/ui',
      'react',
      '@integration-health/plugin-integration-health',
      '@integration-health/plugin-integration-health-backend',
    ]);
    for (const v of versions) say(`  ${v.name} ${v.version}`);
  }
  say(`  node ${process.version}`);
  for (const warning of warnings) say(`  ⚠ ${warning}`);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(resultsDir), { recursive: true });
  fs.cpSync(artifacts, resultsDir, { recursive: true });
  say(`  artifacts: ${resultsDir} (logs, REST answers, screenshots)`);
  if (failed) {
    say('');
    say(`✖ FAILED at step "${failed.step}":`);
    say(failed.message);
    if (backendLog && fs.existsSync(backendLog)) {
      say('');
      say(
        `Last lines of the backend log (${path.join(
          resultsDir,
          'logs',
          'backend.log',
        )}):`,
      );
      say(tail(backendLog, 40));
    }
    say(`The stock app is kept in ${appDir}`);
  } else {
    say('✔ The plugin installs into a stock Backstage app as the README says.');
  }
}

async function stopBackend() {
  if (!backend || backend.exitCode !== null) return;
  const exited = new Promise(resolve => backend!.once('exit', resolve));
  stopAll('SIGTERM');
  await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
  stopAll('SIGKILL');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll('SIGKILL');
    for (const dir of exportsInProgress) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    say(`Interrupted; the work dir ${workDir} is left as it was.`);
    process.exit(130);
  });
}
process.on('exit', () => stopAll('SIGKILL'));

main().then(
  async () => {
    await stopBackend();
    summary();
    if (!args.has('--keep'))
      fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(0);
  },
  async error => {
    await stopBackend();
    const failed =
      packFailure ??
      (error instanceof StepError ? error : new StepError('setup', error));
    summary(failed);
    process.exit(1);
  },
);
