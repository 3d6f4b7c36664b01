import { OpenApiContext } from '../OpenApiContext';
import { Operation } from '../operations';
import { checkContent } from './mediaTypes';
import { minimumSunsetDays } from '../../lifecycle';

export function checkRequestBody(
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
): void {
  const { findings } = context;
  const location = revision.location;
  const before = context.base.deref(
    base.node.requestBody,
    `${base.pointer}/requestBody`,
  );
  const after = context.revision.deref(
    revision.node.requestBody,
    `${revision.pointer}/requestBody`,
  );
  if (!before.node && !after.node) return;
  if (!before.node) {
    const required = after.node.required === true;
    findings.add({
      id: required
        ? 'request-body-added-required'
        : 'request-body-added-optional',
      location,
      pointer: after.pointer,
      message: `${required ? 'required' : 'optional'} request body added`,
    });
    return;
  }
  if (!after.node) {
    findings.add({
      id: 'request-body-removed',
      location,
      pointer: before.pointer,
      message: 'request body removed',
    });
    return;
  }
  if (before.node.required !== true && after.node.required === true) {
    findings.add({
      id: 'request-body-became-required',
      location,
      pointer: after.pointer,
      message: 'request body became required',
    });
  } else if (before.node.required === true && after.node.required !== true) {
    findings.add({
      id: 'request-body-became-optional',
      location,
      pointer: after.pointer,
      message: 'request body became optional',
    });
  }
  checkContent(context, {
    base: before,
    revision: after,
    direction: 'request',
    location,
    label: 'request body',
    minSunsetDays: minimumSunsetDays(revision.node, context.deprecationDays),
  });
}
