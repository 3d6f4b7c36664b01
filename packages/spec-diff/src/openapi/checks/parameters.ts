import {
  daysBetween,
  judgeDeprecation,
  judgeRemoval,
  minimumSunsetDays,
  sunsetOf,
} from '../../lifecycle';
import { SpecDocument } from '../../load/SpecDocument';
import { childPointer } from '../../schema/SchemaComparator';
import { OpenApiContext, reportSchemaChanges } from '../OpenApiContext';
import { Operation } from '../operations';
import { templateParameters } from '../pathTemplate';

type Parameter = {
  node: any;
  pointer: string;
  key: string;
  label: string;
  /** Declared on the path item, for all its operations. */
  shared: boolean;
};

/** Path and operation parameters, merged; path parameters keyed by position. */
function parametersOf(
  doc: SpecDocument,
  op: Operation,
): Map<string, Parameter> {
  const result = new Map<string, Parameter>();
  const pathParamOrder = templateParameters(op.path);
  const lists: [unknown, string, boolean][] = [
    [op.pathItem.parameters, `${op.pathPointer}/parameters`, true],
    [op.node.parameters, `${op.pointer}/parameters`, false],
  ];
  for (const [list, listPointer, shared] of lists) {
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
        shared,
      });
    });
  }
  return result;
}

const SERIALIZATION: [keyword: string, id: string][] = [
  ['style', 'request-parameter-style-changed'],
  ['explode', 'request-parameter-explode-changed'],
];

function reportRemoved(
  context: OpenApiContext,
  location: string,
  param: Parameter,
): void {
  const verdict = judgeRemoval(param.node, context.today);
  const add = (id: string, message: string, sunset?: string) =>
    context.findings.add({
      id,
      location,
      pointer: param.pointer,
      message,
      subject: param.key,
      sunset,
    });
  switch (verdict.kind) {
    case 'without-deprecation':
      add(
        'request-parameter-removed',
        `${param.label} removed without deprecation: clients still sending it may be refused, or find it ignored`,
      );
      return;
    case 'sunset-invalid':
      add(
        'request-parameter-sunset-parse',
        `${param.label} removed, and its ${verdict.reason}: nobody can tell whether clients were given the notice they were owed`,
      );
      return;
    case 'before-sunset':
      add(
        'request-parameter-removed-before-sunset',
        `${param.label} removed before its sunset date ${verdict.sunset}: clients were promised it until then`,
        verdict.sunset,
      );
      return;
    default:
      add(
        'request-parameter-removed-with-deprecation',
        `${param.label} removed after deprecation`,
        'sunset' in verdict ? verdict.sunset : undefined,
      );
  }
}

function reportLifecycle(
  context: OpenApiContext,
  location: string,
  old: Parameter,
  param: Parameter,
  minDays: number | undefined,
): void {
  const { findings, today } = context;
  const add = (id: string, message: string, sunset?: string) =>
    findings.add({
      id,
      location,
      pointer: param.pointer,
      message,
      subject: param.key,
      sunset,
    });
  const was = old.node.deprecated === true;
  const is = param.node.deprecated === true;
  if (was && !is) {
    add(
      'request-parameter-reactivated',
      `${param.label} is no longer deprecated`,
    );
    return;
  }
  if (minDays === undefined || !is) return;
  if (!was) {
    const verdict = judgeDeprecation(param.node, minDays, today);
    switch (verdict.kind) {
      case 'sunset-missing':
        add(
          'request-parameter-deprecated-sunset-missing',
          `${param.label} deprecated without an x-sunset date: clients are owed at least ${verdict.minDays} days' notice`,
        );
        return;
      case 'sunset-invalid':
        add(
          'request-parameter-sunset-parse',
          `${param.label} deprecated, but its ${verdict.reason}: clients cannot tell when it goes`,
        );
        return;
      case 'sunset-too-soon':
        add(
          'request-parameter-sunset-date-too-small',
          `${param.label} deprecated with sunset ${verdict.sunset}, less than the ${verdict.minDays} days' notice clients are owed`,
          verdict.sunset,
        );
        return;
      default:
        add(
          'request-parameter-deprecated',
          `${param.label} deprecated${
            'sunset' in verdict ? `; sunset ${verdict.sunset}` : ''
          }`,
          'sunset' in verdict ? verdict.sunset : undefined,
        );
    }
    return;
  }
  const before = sunsetOf(old.node);
  const after = sunsetOf(param.node);
  if (before.present && !after.present) {
    add(
      'request-parameter-sunset-deleted',
      `${param.label} is still deprecated but its sunset date was removed: clients planning their migration lost the date`,
    );
    return;
  }
  if (!before.present || !after.present) return;
  if (old.node['x-sunset'] === param.node['x-sunset']) return;
  for (const side of [after, before]) {
    if ('invalid' in side) {
      add(
        'request-parameter-sunset-parse',
        `${param.label}: ${side.invalid}: clients cannot tell when it goes`,
      );
      return;
    }
  }
  const from = (before as { date: string }).date;
  const to = (after as { date: string }).date;
  if (to < from && daysBetween(today, to) < minDays) {
    add(
      'request-parameter-sunset-date-changed-too-small',
      `${param.label} sunset moved from ${from} to ${to}, less than the ${minDays} days' notice clients are owed`,
      to,
    );
  }
}

function reportAdded(
  context: OpenApiContext,
  base: Operation,
  location: string,
  param: Parameter,
): void {
  const required = param.node.required === true;
  let id = required
    ? 'new-required-request-parameter'
    : 'new-optional-request-parameter';
  if (param.node.in === 'path') id = 'new-request-path-parameter';
  else if (
    param.shared &&
    base.pathItem !== undefined &&
    !(base.pathItem.parameters ?? []).some(
      (p: any) => p?.name === param.node.name && p?.in === param.node.in,
    )
  ) {
    // Declared on the path item: it applies to every operation of a path that existed.
    id = required
      ? 'new-required-request-default-parameter-to-existing-path'
      : 'new-optional-request-default-parameter-to-existing-path';
  }
  const why =
    required || param.node.in === 'path'
      ? ': clients that do not send it are refused'
      : '';
  context.findings.add({
    id,
    location,
    pointer: param.pointer,
    message: `${required ? 'required' : 'optional'} ${param.label} added${why}`,
    subject: param.key,
  });
}

/**
 * Parameters of a webhook or callback are what the provider sends (mostly
 * headers such as a signature): consumers read them.
 */
function checkReceivedParameters(
  context: OpenApiContext,
  location: string,
  before: Map<string, Parameter>,
  after: Map<string, Parameter>,
): void {
  for (const [key, param] of before) {
    if (after.has(key)) continue;
    context.findings.add({
      id: 'received-parameter-removed',
      location,
      pointer: param.pointer,
      message: `${param.label} removed: consumers that read it no longer get it`,
      subject: key,
    });
  }
  for (const [key, param] of after) {
    const old = before.get(key);
    if (!old) {
      context.findings.add({
        id: 'received-parameter-added',
        location,
        pointer: param.pointer,
        message: `${param.label} added: consumers may ignore it`,
        subject: key,
      });
      continue;
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
      direction: 'response',
      root: 'header',
      location,
      label: param.label,
    });
  }
}

export function checkParameters(
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
): void {
  const { findings } = context;
  const location = revision.location;
  const before = parametersOf(context.base, base);
  const after = parametersOf(context.revision, revision);
  if (revision.received) {
    checkReceivedParameters(context, location, before, after);
    return;
  }
  const minDays = minimumSunsetDays(revision.node, context.deprecationDays);

  for (const [key, param] of before) {
    if (!after.has(key)) reportRemoved(context, location, param);
  }
  for (const [key, param] of after) {
    const old = before.get(key);
    if (!old) {
      reportAdded(context, base, location, param);
      continue;
    }
    if (!old.node.required && param.node.required) {
      findings.add({
        id: 'request-parameter-became-required',
        location,
        pointer: param.pointer,
        message: `${param.label} became required: clients that do not send it are refused`,
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
    reportLifecycle(context, location, old, param, minDays);
    for (const [keyword, id] of SERIALIZATION) {
      if ((old.node[keyword] ?? null) !== (param.node[keyword] ?? null)) {
        findings.add({
          id,
          location,
          pointer: param.pointer,
          message: `${param.label} ${keyword} changed from ${
            old.node[keyword] ?? 'default'
          } to ${
            param.node[keyword] ?? 'default'
          }: clients serialize it the old way, which the server no longer reads`,
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
        message: `${param.label} no longer allows an empty value: clients sending it empty are refused`,
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
      root: param.node.in === 'header' ? 'header-parameter' : 'parameter',
      location,
      label: param.label,
      minSunsetDays: minDays,
    });
  }
}
