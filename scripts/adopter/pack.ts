import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './proc';

export type Tarball = { name: string; file: string };
export type Packed = { tarballs: Tarball[]; warnings: string[] };

/** Exports in progress, removed by the caller if the test is interrupted. */
export const exportsInProgress = new Set<string>();

type Options = {
  repoRoot: string;
  /** Pack the working tree as it is instead of the committed HEAD. */
  workingTree: boolean;
  destination: string;
  log: string;
};

/**
 * Packs every published package of the repository (plugins/*, packages/*
 * that are not private) the way a release would: type declarations, build,
 * then `npm pack` with each package's prepack/postpack. By default from a
 * clean export of the committed HEAD, so that edits in progress in the
 * working tree neither leak into the tarballs nor get rewritten by prepack.
 */
export async function packTarballs(options: Options): Promise<Packed> {
  const { repoRoot, destination, log } = options;
  const bin = path.join(repoRoot, 'node_modules', '.bin');
  fs.mkdirSync(destination, { recursive: true });

  let root = repoRoot;
  if (!options.workingTree) {
    // Inside the repository, so that its node_modules resolve from there
    // (tsc names dependencies' types only through an enclosing node_modules).
    fs.mkdirSync(path.join(repoRoot, '.cache'), { recursive: true });
    root = fs.mkdtempSync(path.join(repoRoot, '.cache', 'adopter-src-'));
    exportsInProgress.add(root);
    await run(`git archive HEAD | tar -x -C '${root}'`, {
      cwd: repoRoot,
      log,
    });
  }
  try {
    const packages = listPublishedPackages(root);
    if (!options.workingTree) {
      // The export's own packages, not the working tree's, for sibling imports.
      for (const pkg of packages) {
        const link = path.join(root, 'node_modules', pkg.name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.relative(path.dirname(link), pkg.dir), link);
      }
    }
    const missingPrepack = packages.filter(p => !p.hasPrepack);
    if (missingPrepack.length > 0) {
      throw new Error(
        `no prepack script in ${missingPrepack
          .map(p => p.name)
          .join(
            ', ',
          )}: their tarballs would point at src/ and not load outside this repository`,
      );
    }

    await run(`'${bin}/tsc'`, { cwd: root, log, timeoutMs: 5 * 60_000 });
    await run(`'${bin}/backstage-cli' repo build`, {
      cwd: root,
      log,
      timeoutMs: 5 * 60_000,
    });

    const tarballs: Tarball[] = [];
    const warnings: string[] = [];
    const queue = [...packages];
    let failed = false;
    const worker = async () => {
      for (let pkg = queue.shift(); pkg && !failed; pkg = queue.shift()) {
        try {
          // --workspaces=false: without it npm finds the workspace root and
          // reads every workspace's package.json, which another worker's
          // prepack may be rewriting at that moment (an empty file).
          await run(
            `npm pack --workspaces=false --pack-destination '${destination}'`,
            {
              cwd: pkg.dir,
              log,
              timeoutMs: 5 * 60_000,
            },
          );
          // npm's name for the tarball of @scope/name@version
          const file = path.join(
            destination,
            `${pkg.name.replace(/^@/, '').replace('/', '-')}-${
              pkg.version
            }.tgz`,
          );
          warnings.push(...checkTarball(pkg.name, file));
          tarballs.push({ name: pkg.name, file });
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    // Every worker finishes before the export is removed.
    const results = await Promise.allSettled([worker(), worker(), worker()]);
    const rejected = results.find(r => r.status === 'rejected');
    if (rejected) throw (rejected as PromiseRejectedResult).reason;
    tarballs.sort((a, b) => a.name.localeCompare(b.name));
    return { tarballs, warnings };
  } finally {
    if (root !== repoRoot) {
      fs.rmSync(root, { recursive: true, force: true });
      exportsInProgress.delete(root);
    }
  }
}

function listPublishedPackages(root: string) {
  const result: {
    name: string;
    version: string;
    dir: string;
    hasPrepack: boolean;
  }[] = [];
  for (const parent of ['plugins', 'packages']) {
    const parentDir = path.join(root, parent);
    if (!fs.existsSync(parentDir)) continue;
    for (const entry of fs.readdirSync(parentDir).sort()) {
      const file = path.join(parentDir, entry, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.private) continue;
      result.push({
        name: pkg.name,
        version: pkg.version,
        dir: path.dirname(file),
        hasPrepack: Boolean(pkg.scripts?.prepack),
      });
    }
  }
  return result;
}

/**
 * A tarball must contain the built files its package.json names, never
 * src/: missing code fails the test; missing type declarations are a
 * warning, since they do not stop the package from loading.
 */
function checkTarball(name: string, file: string): string[] {
  const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(f => f.replace(/^package\//, ''));
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const missing = (entry: string) => {
    const normalized = entry.replace(/^\.\//, '');
    return (
      normalized !== 'package.json' &&
      (normalized.startsWith('src/') || !files.includes(normalized))
    );
  };
  const code = [pkg.main, pkg.module, ...collectExportTargets(pkg.exports)]
    .filter((e): e is string => typeof e === 'string')
    .filter(e => !/\.d\.ts$/.test(e));
  const types = [pkg.types, ...collectExportTargets(pkg.exports)]
    .filter((e): e is string => typeof e === 'string')
    .filter(e => /\.d\.ts$/.test(e) || e === pkg.types);
  const missingCode = code.filter(missing);
  if (missingCode.length > 0) {
    throw new Error(
      `${name}: its tarball's package.json names ${missingCode.join(
        ', ',
      )}, which the tarball does not contain as built files`,
    );
  }
  return types
    .filter(missing)
    .map(
      entry =>
        `${name}: its tarball's package.json names the types ${entry}, which the tarball does not contain`,
    );
}

/** The files an `exports` map names (conditions such as `backstage` name no file). */
function collectExportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') {
    return exports.startsWith('./') ? [exports] : [];
  }
  if (exports && typeof exports === 'object') {
    return Object.values(exports).flatMap(collectExportTargets);
  }
  return [];
}
