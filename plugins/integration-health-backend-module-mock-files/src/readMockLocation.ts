import { UrlReaderService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseLenientJson } from '@integration-health/plugin-integration-health-node';

/** One JSON file found at a mock location, parsed. */
export type MockFile = {
  /** Path under the location (`transaction-intake/submit.json`), or the URL. */
  name: string;
  /** The parsed JSON; the file's text when it is not JSON. */
  content: unknown;
  url?: string;
  /** Why the file is not JSON: one unreadable mock, not a failed location. */
  problem?: string;
};

export type MockLocationLimits = {
  maxFiles: number;
  maxFileBytes: number;
  maxDepth: number;
};

/** A location that could not be read in full; nothing from it is used. */
export class MockLocationError extends Error {
  name = 'MockLocationError';
}

/** A file's JSON, read as WireMock reads it (comments allowed), or why it is not JSON. */
function readFile(text: string, name: string, url?: string): MockFile {
  try {
    return { name, url, content: parseLenientJson(text) };
  } catch (error) {
    return {
      name,
      url,
      content: text,
      problem: `it is not JSON (${(error as Error).message})`,
    };
  }
}

function isInside(root: string, candidate: string) {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/**
 * Every `*.json` under a directory, which (after resolving symlinks) must lie
 * inside one of the allowed roots; files whose real path leaves the root are
 * refused, as are too many or too large files. A file that is not JSON is
 * returned with its problem, so it costs only itself.
 */
export async function readMockDirectory(
  directory: string,
  allowedRoots: string[],
  limits: MockLocationLimits,
): Promise<MockFile[]> {
  let real: string;
  try {
    real = await fs.realpath(directory);
  } catch {
    throw new MockLocationError(`${directory} does not exist`);
  }
  const roots = await Promise.all(
    allowedRoots.map(root => fs.realpath(root).catch(() => undefined)),
  );
  const root = roots.find(r => r && isInside(r, real));
  if (!root) {
    throw new MockLocationError(
      `${directory} is outside the directories integrationHealth.evidence.mockFiles.allowedDirectories allows`,
    );
  }
  const files: MockFile[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) return;
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const target = await fs.realpath(full);
      if (!isInside(root, target)) {
        throw new MockLocationError(
          `${path.relative(real, full)} links outside the allowed directories`,
        );
      }
      const stat = await fs.stat(target);
      if (stat.isDirectory()) {
        await walk(full, depth + 1);
      } else if (entry.name.endsWith('.json')) {
        const name = path.relative(real, full);
        if (files.length >= limits.maxFiles) {
          throw new MockLocationError(
            `more than ${limits.maxFiles} mock files under ${directory}`,
          );
        }
        if (stat.size > limits.maxFileBytes) {
          throw new MockLocationError(
            `${name} is larger than ${limits.maxFileBytes} bytes`,
          );
        }
        files.push(readFile(await fs.readFile(target, 'utf8'), name));
      }
    }
  };
  await walk(real, 0);
  return files;
}

/** One JSON file read through the backend's URL readers (which enforce `backend.reading.allow`). */
export async function readMockUrl(
  url: string,
  urlReader: UrlReaderService,
  limits: MockLocationLimits,
  signal: AbortSignal,
): Promise<MockFile> {
  let buffer: Buffer;
  try {
    const response = await urlReader.readUrl(url, { signal });
    buffer = await response.buffer();
  } catch (error) {
    throw new MockLocationError(
      `${url} could not be read: ${(error as Error).message}`,
    );
  }
  if (buffer.length > limits.maxFileBytes) {
    throw new MockLocationError(
      `${url} is larger than ${limits.maxFileBytes} bytes`,
    );
  }
  return readFile(buffer.toString('utf8'), url, url);
}
