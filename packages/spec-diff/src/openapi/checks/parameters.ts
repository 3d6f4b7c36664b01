import { SpecDocument } from '../../load/SpecDocument';
import { childPointer } from '../../schema/SchemaComparator';
import { OpenApiContext, reportSchemaChanges } from '../OpenApiContext';
import { Operation } from '../operations';
import { templateParameters } from '../pathTemplate';

type Parameter = { node: any; pointer: string; key: string; label: string };

/** Path and operation parameters, merged; path parameters keyed by position. */
function parametersOf(
  doc: SpecDocument,
  op: Operation,
): Map<string, Parameter> {
  const result = new Map<string, Parameter>();
  const pathParamOrder = templateParameters(op.path);
  const lists: [unknown, string][] = [
    [op.pathItem.parameters, `${op.pathPointer}/parameters`],
    [op.node.parameters, `${op.pointer}/parameters`],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const { node, pointer } = doc.deref(raw, `${listPointer}/${index}`);
      if (!node || typeof node !== 'object' || !node.name) return;
      const position = pathParamOrder.indexOf(node.name);
      const key =
        node.in === 'path' && position >= 0
          ? `path#${position}`
          : `${node.in}:${String(node.name).toLowerCase()}`;
      result.set(key, {
        node,
        pointer,
        key,
        label: `${node.in} parameter '${node.name}'`,
      });
    });
  }
  return result;
}

const SERIALIZATION: [keyword: string, id: string][] = [
  ['style', 'request-parameter-style-changed'],
  ['explode', 'request-parameter-explode-changed'],
];

export function checkParameters(
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
): void {
  const { findings } = context;
  const location = revision.location;
  const before = parametersOf(context.base, base);
  const after = parametersOf(context.revision, revision);

  for (const [key, param] of before) {
    if (after.has(key)) continue;
    findings.add({
      id: param.node.deprecated
        ? 'request-parameter-removed-with-deprecation'
        : 'request-parameter-removed',
      location,
      pointer: param.pointer,
      message: `${param.label} removed`,
      subject: key,
    });
  }
  for (const [key, param] of after) {
    const old = before.get(key);
    if (!old) {
      let id = param.node.required
        ? 'new-required-request-parameter'
        : 'new-optional-request-parameter';
      if (param.node.in === 'path') id = 'new-request-path-parameter';
      findings.add({
        id,
        location,
        pointer: param.pointer,
        message: `${param.node.required ? 'required' : 'optional'} ${
          param.label
        } added`,
        subject: key,
      });
      continue;
    }
    if (!old.node.required && param.node.required) {
      findings.add({
        id: 'request-parameter-became-required',
        location,
        pointer: param.pointer,
        message: `${param.label} became required`,
        subject: key,
      });
    } else if (
      old.node.required &&
      !param.node.required &&
      param.node.in !== 'path'
    ) {
      findings.add({
        id: 'request-parameter-became-optional',
        location,
        pointer: param.pointer,
        message: `${param.label} became optional`,
        subject: key,
      });
    }
    if (!old.node.deprecated && param.node.deprecated) {
      findings.add({
        id: 'request-parameter-deprecated',
        location,
        pointer: param.pointer,
        message: `${param.label} deprecated`,
        subject: key,
      });
    }
    for (const [keyword, id] of SERIALIZATION) {
      if ((old.node[keyword] ?? null) !== (param.node[keyword] ?? null)) {
        findings.add({
          id,
          location,
          pointer: param.pointer,
          message: `${param.label} ${keyword} changed from ${
            old.node[keyword] ?? 'default'
          } to ${param.node[keyword] ?? 'default'}`,
          subject: key,
        });
      }
    }
    if (
      old.node.allowEmptyValue === true &&
      param.node.allowEmptyValue !== true
    ) {
      findings.add({
        id: 'request-parameter-allow-empty-value-removed',
        location,
        pointer: param.pointer,
        message: `${param.label} no longer allows an empty value`,
        subject: key,
      });
    }
    reportSchemaChanges(context, {
      base: {
        node: old.node.schema ?? {},
        pointer: childPointer(old.pointer, 'schema'),
      },
      revision: {
        node: param.node.schema ?? {},
        pointer: childPointer(param.pointer, 'schema'),
      },
      direction: 'request',
      root: 'parameter',
      location,
      label: param.label,
    });
  }
}
