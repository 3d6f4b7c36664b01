import { escapePointer } from '../load/pointer';

/** Property paths (`lines[].amount`) and JSON pointers below a compared schema. */
export function joinPath(path: string, segment: string): string {
  if (!path) return segment;
  if (!segment) return path;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

export function childPointer(pointer: string, ...tokens: string[]): string {
  return [pointer, ...tokens.map(escapePointer)].join('/');
}
