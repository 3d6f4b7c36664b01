import { childPointer } from '../../schema/SchemaComparator';
import { OpenApiContext, reportSchemaChanges } from '../OpenApiContext';
import { Operation } from '../operations';
import { checkContent } from './mediaTypes';
import { minimumSunsetDays } from '../../lifecycle';

const isSuccess = (status: string) => status.startsWith('2');

function checkHeaders(
  context: OpenApiContext,
  before: { node: any; pointer: string },
  after: { node: any; pointer: string },
  location: string,
  label: string,
): void {
  const { findings } = context;
  const headersBefore = before.node.headers ?? {};
  const headersAfter = after.node.headers ?? {};
  for (const name of Object.keys(headersBefore)) {
    if (
      Object.keys(headersAfter).some(
        n => n.toLowerCase() === name.toLowerCase(),
      )
    )
      continue;
    const header = context.base.deref(
      headersBefore[name],
      childPointer(before.pointer, 'headers', name),
    );
    findings.add({
      id: header.node?.required
        ? 'required-response-header-removed'
        : 'optional-response-header-removed',
      location,
      pointer: header.pointer,
      message: `${label}: header '${name}' removed: clients reading it no longer get it`,
      subject: `${label}|${name}`,
    });
  }
  for (const name of Object.keys(headersAfter)) {
    const headerAfter = context.revision.deref(
      headersAfter[name],
      childPointer(after.pointer, 'headers', name),
    );
    const oldName = Object.keys(headersBefore).find(
      n => n.toLowerCase() === name.toLowerCase(),
    );
    if (!oldName) {
      findings.add({
        id: 'response-header-added',
        location,
        pointer: headerAfter.pointer,
        message: `${label}: header '${name}' added`,
        subject: `${label}|${name}`,
      });
      continue;
    }
    const headerBefore = context.base.deref(
      headersBefore[oldName],
      childPointer(before.pointer, 'headers', oldName),
    );
    const headerLabel = `${label} header '${name}'`;
    if (
      headerBefore.node?.required === true &&
      headerAfter.node?.required !== true
    ) {
      findings.add({
        id: 'response-header-became-optional',
        location,
        pointer: headerAfter.pointer,
        message: `${headerLabel} became optional: clients reading it may find it missing`,
        subject: headerLabel,
      });
    } else if (
      headerBefore.node?.required !== true &&
      headerAfter.node?.required === true
    ) {
      findings.add({
        id: 'response-header-became-required',
        location,
        pointer: headerAfter.pointer,
        message: `${headerLabel} became required`,
        subject: headerLabel,
      });
    }
    if (
      (headerBefore.node?.explode ?? null) !==
      (headerAfter.node?.explode ?? null)
    ) {
      findings.add({
        id: 'response-header-explode-changed',
        location,
        pointer: headerAfter.pointer,
        message: `${headerLabel} explode changed: clients split its value the old way and misread it`,
        subject: headerLabel,
      });
    }
    reportSchemaChanges(context, {
      base: {
        node: headerBefore.node?.schema ?? {},
        pointer: childPointer(headerBefore.pointer, 'schema'),
      },
      revision: {
        node: headerAfter.node?.schema ?? {},
        pointer: childPointer(headerAfter.pointer, 'schema'),
      },
      direction: 'response',
      root: 'header',
      location,
      label: headerLabel,
    });
  }
}

export function checkResponses(
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
): void {
  const { findings } = context;
  const location = revision.location;
  const before = base.node.responses ?? {};
  const after = revision.node.responses ?? {};
  for (const status of Object.keys(before)) {
    if (status in after) continue;
    findings.add({
      id: isSuccess(status)
        ? 'response-success-status-removed'
        : 'response-non-success-status-removed',
      location,
      pointer: childPointer(base.pointer, 'responses', status),
      message: isSuccess(status)
        ? `response status ${status} removed: clients that handle ${status} get a status they did not expect`
        : `response status ${status} removed`,
      subject: status,
    });
  }
  for (const status of Object.keys(after)) {
    const pointer = childPointer(revision.pointer, 'responses', status);
    if (!(status in before)) {
      findings.add({
        id: isSuccess(status)
          ? 'response-success-status-added'
          : 'response-non-success-status-added',
        location,
        pointer,
        message: `response status ${status} added`,
        subject: status,
      });
      continue;
    }
    const responseBefore = context.base.deref(
      before[status],
      childPointer(base.pointer, 'responses', status),
    );
    const responseAfter = context.revision.deref(after[status], pointer);
    if (!responseBefore.node || !responseAfter.node) continue;
    // The consumer writes the response to a webhook or callback.
    const label = `${revision.received ? 'reply' : 'response'} ${status}`;
    checkContent(context, {
      base: responseBefore,
      revision: responseAfter,
      direction: revision.received ? 'request' : 'response',
      location,
      label,
      minSunsetDays: minimumSunsetDays(revision.node, context.deprecationDays),
    });
    checkHeaders(context, responseBefore, responseAfter, location, label);
  }
}
