import { UsageError } from './portal';

/** `kind:namespace/name` with the catalog's defaults (the given kind, `default`). */
export function fullRef(ref: string, kind: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) throw new UsageError(`${ref} is not an entity ref`);
  return `${(match[1] ?? kind).toLowerCase()}:${(
    match[2] ?? 'default'
  ).toLowerCase()}/${match[3].toLowerCase()}`;
}

/** A full ref as the portal's route segments: `kind/namespace/name`. */
export function refPath(ref: string): string {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}
