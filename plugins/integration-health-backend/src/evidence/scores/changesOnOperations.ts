import {
  ChangesSince,
  SpecChange,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';

const OPERATION = /^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \//;
const CHANNEL = /^channel (.+) \((\w+)\)$/;

/**
 * The operation a change is located at, in the form mocks name theirs
 * (`POST /transactions`, `subscribe transactions.booked`); undefined when it
 * is not at one operation (then it may touch any).
 */
export function operationOf(
  change: Pick<SpecChange, 'location'>,
): string | undefined {
  if (OPERATION.test(change.location)) return change.location;
  const channel = CHANNEL.exec(change.location);
  return channel ? `${channel[2]} ${channel[1]}` : undefined;
}

/**
 * What changed after `versionLabel` on the operations a consumer uses: the
 * worst level among later versions' changes located at one of them or at no
 * single operation. A label the history does not know is `unknown`.
 */
export async function changesOnOperations(options: {
  versions: SpecVersion[];
  versionLabel: string;
  operations: Set<string>;
  changesOf: (version: SpecVersion) => Promise<SpecChange[]>;
}): Promise<ChangesSince> {
  const { versions, versionLabel, operations, changesOf } = options;
  const index = versions.findIndex(v => v.versionLabel === versionLabel);
  if (index === -1) return 'unknown';
  let worst: ChangesSince = 'none';
  for (const version of versions.slice(0, index)) {
    if (version.summary.breaking === 0 && version.summary.warning === 0)
      continue;
    for (const change of await changesOf(version)) {
      const operation = operationOf(change);
      if (operation && !operations.has(operation)) continue;
      if (change.level === 'breaking') return 'breaking';
      if (change.level === 'warning') worst = 'warning';
    }
  }
  return worst;
}
