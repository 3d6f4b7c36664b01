import { minimumSunsetDays } from '../../lifecycle';
import { OpenApiContext } from '../OpenApiContext';
import { Operation } from '../operations';
import { checkContent } from './mediaTypes';

/** A webhook or callback request is what the consumer receives: a body it reads. */
function checkReceivedBody(
  context: OpenApiContext,
  before: { node: any; pointer: string },
  after: { node: any; pointer: string },
  location: string,
): boolean {
  const { findings } = context;
  if (!before.node && after.node) {
    findings.add({
      id: 'received-body-added',
      location,
      pointer: after.pointer,
      message: 'payload added: consumers receive a body they may ignore',
    });
    return false;
  }
  if (before.node && !after.node) {
    findings.add({
      id: 'received-body-removed',
      location,
      pointer: before.pointer,
      message: 'payload removed: consumers that read it get nothing',
    });
    return false;
  }
  if (before.node.required === true && after.node.required !== true) {
    findings.add({
      id: 'received-body-became-optional',
      location,
      pointer: after.pointer,
      message: 'payload became optional: consumers that read it may get none',
    });
  } else if (before.node.required !== true && after.node.required === true) {
    findings.add({
      id: 'received-body-became-required',
      location,
      pointer: after.pointer,
      message: 'payload became required: consumers always receive one',
    });
  }
  return true;
}

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
  const minSunsetDays = minimumSunsetDays(
    revision.node,
    context.deprecationDays,
  );
  if (revision.received) {
    if (checkReceivedBody(context, before, after, location)) {
      checkContent(context, {
        base: before,
        revision: after,
        direction: 'response',
        location,
        label: 'payload',
        minSunsetDays,
      });
    }
    return;
  }
  if (!before.node) {
    const required = after.node.required === true;
    findings.add({
      id: required
        ? 'request-body-added-required'
        : 'request-body-added-optional',
      location,
      pointer: after.pointer,
      message: required
        ? 'required request body added: clients that send none are refused'
        : 'optional request body added',
    });
    return;
  }
  if (!after.node) {
    findings.add({
      id: 'request-body-removed',
      location,
      pointer: before.pointer,
      message:
        'request body removed: clients still sending one may be refused, or find it ignored',
    });
    return;
  }
  if (before.node.required !== true && after.node.required === true) {
    findings.add({
      id: 'request-body-became-required',
      location,
      pointer: after.pointer,
      message:
        'request body became required: clients that send none are refused',
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
    minSunsetDays,
  });
}
