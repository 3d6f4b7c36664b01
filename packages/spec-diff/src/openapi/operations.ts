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

export function operationsOf(
  doc: SpecDocument,
  section = 'paths',
): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const paths = (doc.root as any)?.[section];
  if (!paths || typeof paths !== 'object') return operations;
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathPointer = `/${section}/${escapePointer(path)}`;
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
  return operations;
}
