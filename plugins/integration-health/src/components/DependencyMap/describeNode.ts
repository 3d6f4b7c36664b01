import { parseEntityRef } from '@backstage/catalog-model';
import { GraphNodeHealth } from '@integration-health/plugin-integration-health-common';
import { scoreBand, SCORE_BAND_LABELS } from '../ScoreBadge/scoreBand';

/** "transaction-events", "api: transaction-events": short enough for a node. */
export function shortName(ref: string): string {
  const { kind, name } = parseEntityRef(ref);
  const label = `${
    kind.toLocaleLowerCase('en-US') === 'component' ? '' : `${kind}: `
  }${name}`;
  return label.length > 22 ? `${label.slice(0, 21)}…` : label;
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
 * What a screen reader says for a node: the entity, its health and, with a
 * change selected, whether the change reaches it.
 */
export function describeNode(options: {
  ref: string;
  health?: GraphNodeHealth;
  isRoot: boolean;
  blastFrom: string;
  reached: boolean;
}): string {
  const blast = blastText(options.blastFrom, options.reached);
  return `${options.ref}${options.isRoot ? ' (this entity)' : ''}: ${healthText(
    options.health,
  )}${blast ? `; ${blast}` : ''}`;
}
