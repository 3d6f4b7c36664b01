import { OpenApiContext } from '../OpenApiContext';

/** `1.2.3`, `v2.0`, `1.4.0-beta.1`: numbers to compare; not dates (`2022-11-28`). */
const VERSION =
  /^v?(\d{1,9})\.(\d{1,9})(?:\.(\d{1,9}))?(?:[-+][0-9A-Za-z.+-]*)?$/;

function versionOf(root: unknown): string | undefined {
  const version = (root as { info?: { version?: unknown } } | null)?.info
    ?.version;
  return typeof version === 'string' || typeof version === 'number'
    ? String(version)
    : undefined;
}

function numbers(version: string): number[] | undefined {
  const match = VERSION.exec(version);
  return match ? [1, 2, 3].map(i => Number(match[i] ?? 0)) : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/**
 * Once a breaking change was found: whether `info.version` says so. The same
 * version, a lower one, or one whose major number did not go up (info, as
 * the reference rates them; versions that are not numbers, such as dates,
 * are only compared for being the same).
 */
export function checkVersionBump(context: OpenApiContext): void {
  if (context.findings.count('breaking') === 0) return;
  const before = versionOf(context.base.root);
  const after = versionOf(context.revision.root);
  if (before === undefined || after === undefined) return;
  const add = (id: string, message: string) =>
    context.findings.add({
      id,
      location: 'info',
      pointer: '/info/version',
      message,
    });
  if (before === after) {
    add(
      'api-version-not-bumped',
      `a breaking change was found but the version is still ${after}`,
    );
    return;
  }
  const [from, to] = [numbers(before), numbers(after)];
  if (!from || !to) return;
  if (compare(to, from) < 0) {
    add(
      'api-version-decreased',
      `a breaking change was found but the version went down from ${before} to ${after}`,
    );
  } else if (to[0] <= from[0]) {
    add(
      'api-major-version-not-bumped',
      `a breaking change was found but the major version did not go up, from ${before} to ${after}`,
    );
  }
}
