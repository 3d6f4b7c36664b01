import { parseEntityRef } from '@backstage/catalog-model';
import { GraphNodeHealth } from '@integration-health/plugin-integration-health-common';
import { scoreBand, SCORE_BAND_LABELS } from '../ScoreBadge/scoreBand';

/** "transaction-events", "api: transaction-events": what a node shows. */
export function displayName(ref: string): string {
  const { kind, name } = parseEntityRef(ref);
  return `${
    kind.toLocaleLowerCase('en-US') === 'component' ? '' : `${kind}: `
  }${name}`;
}

/** The same, cut to fit a select's option. */
export function shortName(ref: string): string {
  const label = displayName(ref);
  return label.length > 26 ? `${label.slice(0, 25)}…` : label;
}

export function healthText(health: GraphNodeHealth | undefined): string {
  if (!health || health.lowestScore === undefined) {
    return 'no evidence for its integrations here';
  }
  return `lowest score ${health.lowestScore} (${
    SCORE_BAND_LABELS[scoreBand(health.lowestScore)]
  }); ${health.withEvidence} of ${
    health.integrations
  } integrations here have evidence`;
}

/** Whether a node or edge is reached by the selected change, in words. */
export function blastText(
  blastFrom: string,
  reached: boolean,
): string | undefined {
  if (!blastFrom) return undefined;
  return reached
    ? `in the blast radius of ${blastFrom}`
    : 'outside the blast radius';
}

/**
 * What a screen reader says for a node: the entity (starting with the name it
 * shows, so speech input finds it), its health and, with a change selected,
 * whether the change reaches it.
 */
export function describeNode(options: {
  ref: string;
  health?: GraphNodeHealth;
  isRoot: boolean;
  blastFrom: string;
  reached: boolean;
}): string {
  const blast = blastText(options.blastFrom, options.reached);
  return `${displayName(options.ref)}${
    options.isRoot ? ' (this entity)' : ''
  }, ${options.ref}: ${healthText(options.health)}${blast ? `; ${blast}` : ''}`;
}
