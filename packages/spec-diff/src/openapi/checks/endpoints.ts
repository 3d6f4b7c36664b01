import { OpenApiContext, sunsetOf } from '../OpenApiContext';
import { Operation } from '../operations';
import { pathKey } from '../pathTemplate';

/** Operations and paths that appeared, disappeared, or were deprecated. */
export function checkEndpoints(
  context: OpenApiContext,
  base: Map<string, Operation>,
  revision: Map<string, Operation>,
  webhooks = false,
): void {
  const { findings, today } = context;
  const revisionPaths = new Set(
    [...revision.values()].map(o => pathKey(o.path)),
  );

  for (const [key, op] of base) {
    if (revision.has(key)) continue;
    if (webhooks) {
      findings.add({
        id: 'webhook-removed',
        location: op.location,
        pointer: op.pointer,
        message: `webhook ${op.location} removed`,
      });
      continue;
    }
    const pathGone = !revisionPaths.has(pathKey(op.path));
    const deprecated =
      op.node.deprecated === true || op.pathItem.deprecated === true;
    const sunset = sunsetOf(op.node) ?? sunsetOf(op.pathItem);
    const prefix = pathGone ? 'api-path-removed' : 'api-removed';
    let id = `${prefix}-without-deprecation`;
    let message = `${op.location} removed without being deprecated first`;
    if (deprecated && sunset && sunset > today) {
      id = `${prefix}-before-sunset`;
      message = `${op.location} removed before its sunset date ${sunset}`;
    } else if (deprecated) {
      id = `${prefix}-with-deprecation`;
      message = `${op.location} removed after deprecation${
        sunset ? ` (sunset ${sunset})` : ''
      }`;
    }
    findings.add({
      id,
      location: op.location,
      pointer: op.pointer,
      message,
      sunset,
    });
  }

  for (const [key, op] of revision) {
    const before = base.get(key);
    if (!before) {
      findings.add({
        id: webhooks ? 'webhook-added' : 'endpoint-added',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} added`,
      });
      continue;
    }
    const wasDeprecated = before.node.deprecated === true;
    const isDeprecated = op.node.deprecated === true;
    const sunset = sunsetOf(op.node) ?? sunsetOf(op.pathItem);
    if (!wasDeprecated && isDeprecated) {
      findings.add({
        id: sunset ? 'endpoint-deprecated-with-sunset' : 'endpoint-deprecated',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} deprecated${
          sunset ? `; sunset ${sunset}` : ''
        }`,
        sunset,
      });
    } else if (wasDeprecated && !isDeprecated) {
      findings.add({
        id: 'endpoint-reactivated',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} is no longer deprecated`,
      });
    }
    if (before.node.operationId !== op.node.operationId) {
      if (before.node.operationId) {
        findings.add({
          id: 'api-operation-id-removed',
          location: op.location,
          pointer: op.pointer,
          message: `operationId '${before.node.operationId}' removed`,
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
