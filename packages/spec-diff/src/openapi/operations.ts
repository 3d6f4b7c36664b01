import { escapePointer, Resolved, SpecDocument } from '../load/SpecDocument';
import { pathKey } from './pathTemplate';

export const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

export type Operation = {
  method: string;
  path: string;
  /** `GET /pets/{id}` */
  location: string;
  node: any;
  pointer: string;
  pathItem: any;
  pathPointer: string;
  /**
   * Sent by the provider to the consumer (webhooks, callbacks): the consumer
   * receives its request and writes its response, so each is judged the
   * other way round from an ordinary operation.
   */
  received: boolean;
};

/**
 * Where each section's path items are. Azure's `x-ms-paths` holds paths that
 * differ from others only by a query string (`/jobs?action=cancel`): they are
 * paths like any other, so an operation moved there is not removed.
 */
const PATH_ITEM_FIELDS: Record<string, string[]> = {
  paths: ['paths', 'x-ms-paths'],
  webhooks: ['webhooks'],
};

export function operationsOf(
  doc: SpecDocument,
  section = 'paths',
): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const field of PATH_ITEM_FIELDS[section] ?? [section]) {
    const paths = (doc.root as any)?.[field];
    if (!paths || typeof paths !== 'object') continue;
    readPathItems(doc, section, field, paths, operations);
  }
  return operations;
}

function readPathItems(
  doc: SpecDocument,
  section: string,
  field: string,
  paths: object,
  operations: Map<string, Operation>,
): void {
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathPointer = `/${field}/${escapePointer(path)}`;
    const item: Resolved = doc.deref(rawItem, pathPointer);
    if (!item.node || typeof item.node !== 'object') continue;
    for (const method of METHODS) {
      const node = item.node[method];
      if (!node || typeof node !== 'object') continue;
      operations.set(`${method} ${pathKey(path)}`, {
        method,
        path,
        location:
          section === 'paths'
            ? `${method.toUpperCase()} ${path}`
            : `webhook ${path} ${method.toUpperCase()}`,
        node,
        pointer: `${item.pointer}/${method}`,
        pathItem: item.node,
        pathPointer: item.pointer,
        received: section !== 'paths',
      });
    }
  }
}

/**
 * The callbacks of every operation: requests the provider sends to a URL the
 * consumer gave, keyed by the operation, the callback's name, its URL
 * expression and method.
 */
export function callbacksOf(
  doc: SpecDocument,
  operations: Map<string, Operation>,
): Map<string, Operation> {
  const callbacks = new Map<string, Operation>();
  for (const [key, op] of operations) {
    const raw = op.node.callbacks;
    if (!raw || typeof raw !== 'object') continue;
    for (const [name, rawCallback] of Object.entries(raw)) {
      const callback = doc.deref(
        rawCallback,
        `${op.pointer}/callbacks/${escapePointer(name)}`,
      );
      if (!callback.node || typeof callback.node !== 'object') continue;
      for (const [expression, rawItem] of Object.entries(callback.node)) {
        const item = doc.deref(
          rawItem,
          `${callback.pointer}/${escapePointer(expression)}`,
        );
        if (!item.node || typeof item.node !== 'object') continue;
        for (const method of METHODS) {
          const node = item.node[method];
          if (!node || typeof node !== 'object') continue;
          callbacks.set(`${key} ${name} ${expression} ${method}`, {
            method,
            path: expression,
            location: `callback ${name} ${method.toUpperCase()} ${expression} of ${
              op.location
            }`,
            node,
            pointer: `${item.pointer}/${method}`,
            pathItem: item.node,
            pathPointer: item.pointer,
            received: true,
          });
        }
      }
    }
  }
  return callbacks;
}
