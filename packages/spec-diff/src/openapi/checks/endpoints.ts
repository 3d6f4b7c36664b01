import { OpenApiContext } from '../OpenApiContext';
import {
  daysBetween,
  isUnstable,
  judgeDeprecation,
  judgeRemoval,
  minimumSunsetDays,
  stabilityOf,
  stabilityRank,
  sunsetOf,
} from '../../lifecycle';
import { Operation } from '../operations';
import { pathKey } from '../pathTemplate';

const deprecationNode = (op: Operation) =>
  op.node.deprecated === true || op.pathItem.deprecated !== true
    ? op.node
    : op.pathItem;

/** An operation removed: how it stood against its deprecation and sunset. */
function reportRemoval(
  context: OpenApiContext,
  op: Operation,
  pathGone: boolean,
): void {
  const { findings, today } = context;
  const stability = stabilityOf(op.node);
  if ('invalid' in stability) {
    findings.add({
      id: 'api-invalid-stability-level',
      location: op.location,
      pointer: op.pointer,
      message: `${op.location}: ${stability.invalid}, so its removal cannot be judged`,
      subject: 'base',
    });
    return;
  }
  // Draft and alpha operations promised nothing to their callers.
  if (stability.level === 'draft' || stability.level === 'alpha') return;
  const prefix = pathGone ? 'api-path-removed' : 'api-removed';
  const verdict = judgeRemoval(deprecationNode(op), today);
  const callers = `clients calling ${op.location} now get 404 or 405`;
  switch (verdict.kind) {
    case 'without-deprecation':
      findings.add({
        id: `${prefix}-without-deprecation`,
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed without being deprecated first: ${callers}, with no notice`,
      });
      return;
    case 'sunset-invalid':
      findings.add({
        id: 'api-path-sunset-parse',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed, and its ${verdict.reason}: nobody can tell whether callers were given the time they were promised`,
      });
      return;
    case 'before-sunset':
      findings.add({
        id: `${prefix}-before-sunset`,
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed before its sunset date ${verdict.sunset}: ${callers} earlier than announced`,
        sunset: verdict.sunset,
      });
      return;
    default:
      findings.add({
        id: `${prefix}-with-deprecation`,
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed after deprecation${
          'sunset' in verdict && verdict.sunset
            ? ` and its sunset ${verdict.sunset}`
            : ''
        }, as announced`,
        sunset: 'sunset' in verdict ? verdict.sunset : undefined,
      });
  }
}

/** `x-stability-level` unreadable on either side, or moved down or up. */
function reportStability(
  context: OpenApiContext,
  before: Operation,
  after: Operation,
): void {
  const { findings } = context;
  const base = stabilityOf(before.node);
  const revision = stabilityOf(after.node);
  for (const [side, stability, op] of [
    ['base', base, before],
    ['revision', revision, after],
  ] as const) {
    if ('invalid' in stability) {
      findings.add({
        id: 'api-invalid-stability-level',
        location: after.location,
        pointer: op.pointer,
        message: `${after.location} (${side}): ${stability.invalid}: callers cannot tell what it promises`,
        subject: side,
      });
    }
  }
  if (!('level' in base) || !('level' in revision)) return;
  if (base.level === revision.level) return;
  // Changes below beta are not promises: only judge from beta upwards.
  if (stabilityRank(base.level) < stabilityRank('beta')) return;
  const decreased = stabilityRank(revision.level) < stabilityRank(base.level);
  findings.add({
    id: decreased ? 'api-stability-decreased' : 'api-stability-increased',
    location: after.location,
    pointer: after.pointer,
    message: decreased
      ? `${after.location} stability decreased from ${base.level} to ${revision.level}: callers built on a ${base.level} promise may now see it change without notice`
      : `${after.location} stability increased from ${base.level} to ${revision.level}`,
  });
}

function reportDeprecation(
  context: OpenApiContext,
  before: Operation,
  after: Operation,
): void {
  const { findings, today } = context;
  const location = after.location;
  const wasDeprecated = before.node.deprecated === true;
  const isDeprecated = after.node.deprecated === true;
  if (wasDeprecated && !isDeprecated) {
    findings.add({
      id: 'endpoint-reactivated',
      location,
      pointer: after.pointer,
      message: `${location} is no longer deprecated`,
    });
    return;
  }
  const minDays = minimumSunsetDays(after.node, context.deprecationDays);
  if (minDays === undefined) return;
  if (!wasDeprecated && isDeprecated) {
    const verdict = judgeDeprecation(after.node, minDays, today);
    const add = (id: string, message: string, sunset?: string) =>
      findings.add({ id, location, pointer: after.pointer, message, sunset });
    switch (verdict.kind) {
      case 'deprecated':
        add('endpoint-deprecated', `${location} deprecated`);
        return;
      case 'deprecated-with-sunset':
        add(
          'endpoint-deprecated-with-sunset',
          `${location} deprecated; sunset ${verdict.sunset}`,
          verdict.sunset,
        );
        return;
      case 'sunset-missing':
        add(
          'api-deprecated-sunset-missing',
          `${location} deprecated without an x-sunset date: callers are owed at least ${verdict.minDays} days' notice and are told no date`,
        );
        return;
      case 'sunset-invalid':
        add(
          'api-deprecated-sunset-parse',
          `${location} deprecated, but its ${verdict.reason}: callers cannot tell when it goes`,
        );
        return;
      default:
        add(
          'api-sunset-date-too-small',
          `${location} deprecated with sunset ${verdict.sunset}, less than the ${verdict.minDays} days' notice callers are owed`,
          verdict.sunset,
        );
    }
    return;
  }
  if (!isDeprecated) return;
  // Still deprecated: its sunset may have been dropped or brought forward.
  const baseSunset = sunsetOf(before.node);
  const sunset = sunsetOf(after.node);
  if (baseSunset.present && !sunset.present) {
    findings.add({
      id: 'sunset-deleted',
      location,
      pointer: after.pointer,
      message: `${location} is still deprecated but its sunset date was removed: callers planning their migration lost the date`,
    });
    return;
  }
  if (!baseSunset.present || !sunset.present) return;
  if (before.node['x-sunset'] === after.node['x-sunset']) return;
  for (const side of [sunset, baseSunset]) {
    if ('invalid' in side) {
      findings.add({
        id: 'api-path-sunset-parse',
        location,
        pointer: after.pointer,
        message: `${location}: ${side.invalid}: callers cannot tell when it goes`,
        subject: side.invalid,
      });
      return;
    }
  }
  const from = (baseSunset as { date: string }).date;
  const to = (sunset as { date: string }).date;
  if (to < from && daysBetween(today, to) < minDays) {
    findings.add({
      id: 'api-sunset-date-changed-too-small',
      location,
      pointer: after.pointer,
      message: `${location} sunset moved from ${from} to ${to}, less than the ${minDays} days' notice callers are owed`,
      sunset: to,
    });
  }
}

/** Operations and paths that appeared, disappeared, or changed their lifecycle. */
export function checkEndpoints(
  context: OpenApiContext,
  base: Map<string, Operation>,
  revision: Map<string, Operation>,
  kind: 'path' | 'webhook' | 'callback' = 'path',
): void {
  const { findings } = context;
  const revisionPaths = new Set(
    [...revision.values()].map(o => pathKey(o.path)),
  );

  for (const [key, op] of base) {
    if (revision.has(key)) continue;
    if (kind !== 'path') {
      findings.add({
        id: `${kind}-removed`,
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed: consumers that subscribed stop receiving it`,
      });
      continue;
    }
    reportRemoval(context, op, !revisionPaths.has(pathKey(op.path)));
  }

  for (const [key, op] of revision) {
    const before = base.get(key);
    if (!before) {
      findings.add({
        id: kind === 'path' ? 'endpoint-added' : `${kind}-added`,
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} added`,
      });
      continue;
    }
    reportStability(context, before, op);
    if (isUnstable(op.node)) continue;
    reportDeprecation(context, before, op);
    if (before.node.operationId !== op.node.operationId) {
      if (before.node.operationId) {
        findings.add({
          id: 'api-operation-id-removed',
          location: op.location,
          pointer: op.pointer,
          message: `operationId '${before.node.operationId}' removed: generated clients rename the method`,
        });
      }
      if (op.node.operationId) {
        findings.add({
          id: 'api-operation-id-added',
          location: op.location,
          pointer: op.pointer,
          message: `operationId '${op.node.operationId}' added`,
        });
      }
    }
    const tagsBefore: string[] = before.node.tags ?? [];
    const tagsAfter: string[] = op.node.tags ?? [];
    for (const tag of tagsAfter.filter(t => !tagsBefore.includes(t))) {
      findings.add({
        id: 'api-tag-added',
        location: op.location,
        pointer: op.pointer,
        message: `tag '${tag}' added`,
      });
    }
    for (const tag of tagsBefore.filter(t => !tagsAfter.includes(t))) {
      findings.add({
        id: 'api-tag-removed',
        location: op.location,
        pointer: before.pointer,
        message: `tag '${tag}' removed`,
      });
    }
  }
}
