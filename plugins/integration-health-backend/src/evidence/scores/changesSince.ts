import {
  ChangesSince,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';

/**
 * What changed in an API's spec after the version labelled `versionLabel`,
 * from its history (newest first): the worst level among the later versions.
 * A label the history does not know is `unknown`.
 */
export function changesSince(
  versions: SpecVersion[],
  versionLabel: string,
): ChangesSince {
  const index = versions.findIndex(v => v.versionLabel === versionLabel);
  if (index === -1) {
    return 'unknown';
  }
  const later = versions.slice(0, index);
  if (later.some(v => v.summary.breaking > 0)) return 'breaking';
  if (later.some(v => v.summary.warning > 0)) return 'warning';
  return 'none';
}
