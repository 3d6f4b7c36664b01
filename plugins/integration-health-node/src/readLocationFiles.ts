import { UrlReaderService } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * One file found at a location an entity's annotation names.
 *
 * @public
 */
export type LocationFile = {
  /** Path under the location (`transaction-intake/submit.json`), or the URL. */
  name: string;
  text: string;
  url?: string;
};

/**
 * How much one location may hold.
 *
 * @public
 */
export type LocationLimits = {
  maxFiles: number;
  maxFileBytes: number;
  maxDepth: number;
};

/**
 * A location that could not be read in full; nothing from it is used.
 *
 * @public
 */
export class LocationError extends Error {
  /** Always `LocationError`, as shown in logs. */
  readonly name = 'LocationError';
}

/**
 * How files are picked and where a directory may be.
 *
 * @public
 */
export type LocationRules = {
  /** The file name ending to read, e.g. `.json` or `.sql`. */
  extension: string;
  /** Directories (and what lies under them) that `dir:` locations may name. */
  allowedDirectories: string[];
  /** The setting that lists them, named in errors, e.g. `integrationHealth.evidence.mockFiles.allowedDirectories`. */
  allowedSetting: string;
  /** Whether `url:` names a folder (read as a tree) rather than one file. */
  urlIsFolder?: boolean;
  limits: LocationLimits;
};

function isInside(root: string, candidate: string) {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/**
 * Every file with the extension under a directory, which (after resolving
 * symlinks) must lie inside one of the allowed roots; files whose real path
 * leaves the root are refused, as are too many or too large files. Files
 * come in path order.
 *
 * @public
 */
export async function readDirectoryFiles(
  directory: string,
  rules: LocationRules,
): Promise<LocationFile[]> {
  return (await readDirectorySince(directory, rules)).files ?? [];
}

/** A directory's files, unless their names, sizes and times are still `since`. */
async function readDirectorySince(
  directory: string,
  rules: LocationRules,
  since?: string,
): Promise<LocationRead> {
  const { limits } = rules;
  let real: string;
  try {
    real = await fs.realpath(directory);
  } catch {
    throw new LocationError(`${directory} does not exist`);
  }
  // A real path under a root as written means that root is real too; only
  // otherwise are the roots resolved (one of them may be a symlink).
  const root =
    rules.allowedDirectories
      .map(r => path.resolve(r))
      .find(r => isInside(r, real)) ??
    (
      await Promise.all(
        rules.allowedDirectories.map(r =>
          fs.realpath(r).catch(() => undefined),
        ),
      )
    ).find(r => r && isInside(r, real));
  if (!root) {
    throw new LocationError(
      `${directory} is outside the directories ${rules.allowedSetting} allows`,
    );
  }
  const found: { name: string; target: string; stamp: string }[] = [];
  // `dirReal` is where `dir` really is. Only a symlink's target needs
  // resolving: what else a directory holds lies inside it.
  const walk = async (
    dir: string,
    dirReal: string,
    depth: number,
  ): Promise<void> => {
    if (depth > limits.maxDepth) return;
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let target = path.join(dirReal, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        target = await fs.realpath(full);
        if (!isInside(root, target)) {
          throw new LocationError(
            `${path.relative(
              real,
              full,
            )} links outside the allowed directories`,
          );
        }
        isDirectory = (await fs.stat(target)).isDirectory();
      }
      if (isDirectory) {
        await walk(full, target, depth + 1);
      } else if (entry.name.endsWith(rules.extension)) {
        const name = path.relative(real, full);
        if (found.length >= limits.maxFiles) {
          throw new LocationError(
            `more than ${limits.maxFiles} ${rules.extension} files under ${directory}`,
          );
        }
        const stat = await fs.stat(target);
        if (!stat.isFile()) {
          // A pipe or device would stall the read.
          throw new LocationError(`${name} is not a regular file`);
        }
        if (stat.size > limits.maxFileBytes) {
          throw new LocationError(
            `${name} is larger than ${limits.maxFileBytes} bytes`,
          );
        }
        found.push({
          name,
          target,
          stamp: `${stat.size}:${stat.mtimeMs}:${stat.ino}`,
        });
      }
    }
  };
  await walk(real, real, 0);
  const version = createHash('sha256')
    .update(JSON.stringify(found.map(f => [f.name, f.stamp])))
    .digest('base64url');
  if (since === version) return { version };
  const files: LocationFile[] = [];
  for (const { name, target } of found) {
    files.push({ name, text: await fs.readFile(target, 'utf8') });
  }
  return { version, files };
}

/**
 * One file, or every file with the extension in a folder, read through the
 * backend's URL readers (which enforce `backend.reading.allow`).
 *
 * @public
 */
export async function readUrlFiles(
  url: string,
  urlReader: UrlReaderService,
  rules: LocationRules,
  signal: AbortSignal,
): Promise<LocationFile[]> {
  return (await readUrlSince(url, urlReader, rules, signal)).files ?? [];
}

/** The files at a URL, unless the reader says its ETag is still `since`. */
async function readUrlSince(
  url: string,
  urlReader: UrlReaderService,
  rules: LocationRules,
  signal: AbortSignal,
  since?: string,
): Promise<LocationRead> {
  const { limits } = rules;
  try {
    if (!rules.urlIsFolder) {
      const response = await urlReader.readUrl(url, { signal, etag: since });
      const buffer = await response.buffer();
      if (buffer.length > limits.maxFileBytes) {
        throw new LocationError(
          `${url} is larger than ${limits.maxFileBytes} bytes`,
        );
      }
      return {
        version: response.etag,
        files: [{ name: url, url, text: buffer.toString('utf8') }],
      };
    }
    const tree = await urlReader.readTree(url, {
      signal,
      etag: since,
      filter: (filePath, info) =>
        filePath.endsWith(rules.extension) &&
        filePath.split('/').length - 1 <= limits.maxDepth &&
        (info?.size === undefined || info.size <= limits.maxFileBytes),
    });
    const entries = (await tree.files()).sort((a, b) =>
      a.path.localeCompare(b.path),
    );
    if (entries.length > limits.maxFiles) {
      throw new LocationError(
        `more than ${limits.maxFiles} ${rules.extension} files under ${url}`,
      );
    }
    const files: LocationFile[] = [];
    for (const entry of entries) {
      const buffer = await entry.content();
      if (buffer.length > limits.maxFileBytes) {
        throw new LocationError(
          `${entry.path} is larger than ${limits.maxFileBytes} bytes`,
        );
      }
      files.push({ name: entry.path, text: buffer.toString('utf8') });
    }
    return { version: tree.etag || undefined, files };
  } catch (error) {
    if (error instanceof LocationError) throw error;
    if ((error as Error).name === 'NotModifiedError' && since) {
      return { version: since };
    }
    throw new LocationError(
      `${url} could not be read: ${(error as Error).message}`,
    );
  }
}

/** Where `dir:` locations of an entity are relative to: its catalog file's folder. */
function baseDirectory(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  return location?.startsWith('file:')
    ? path.dirname(location.slice('file:'.length))
    : undefined;
}

/**
 * The files at one location an entity's annotation names: `dir:<path>`
 * (relative to the entity's catalog file, inside the allowed directories)
 * or `url:<url>` (through the URL readers). Anything else, or a location
 * that cannot be read in full, is a `LocationError`.
 *
 * @public
 */
export async function readEntityLocation(
  entity: Entity,
  location: string,
  options: {
    urlReader: UrlReaderService;
    rules: LocationRules;
    signal: AbortSignal;
  },
): Promise<LocationFile[]> {
  return (await readEntityLocationSince(entity, location, options)).files ?? [];
}

/**
 * What `readEntityLocationSince` found: the location's version (a hash of
 * its files' names, sizes and times for `dir:`, the reader's ETag for
 * `url:`, where it gives one), and its files unless they are unchanged
 * since the version asked about.
 *
 * @public
 */
export type LocationRead = { version?: string; files?: LocationFile[] };

/**
 * Like `readEntityLocation`, but reads no file when the location is still
 * at version `since` (a version an earlier read gave): for sources that
 * read the same locations on every sync.
 *
 * @public
 */
export async function readEntityLocationSince(
  entity: Entity,
  location: string,
  options: {
    urlReader: UrlReaderService;
    rules: LocationRules;
    signal: AbortSignal;
    since?: string;
  },
): Promise<LocationRead> {
  const { urlReader, rules, signal, since } = options;
  if (location.startsWith('url:')) {
    return readUrlSince(location.slice(4), urlReader, rules, signal, since);
  }
  if (location.startsWith('dir:')) {
    const target = location.slice(4);
    const base = baseDirectory(entity);
    if (!path.isAbsolute(target) && !base) {
      throw new LocationError(
        `${location} is relative, but the entity does not come from a file location`,
      );
    }
    return readDirectorySince(path.resolve(base ?? '/', target), rules, since);
  }
  throw new LocationError(`${location} is neither dir:<path> nor url:<url>`);
}
