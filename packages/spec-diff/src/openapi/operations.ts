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
      });
    }
  }
}
