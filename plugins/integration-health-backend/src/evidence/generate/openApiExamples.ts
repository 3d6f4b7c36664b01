import { isRecord } from '@integration-health/plugin-integration-health-common';
import { resolveLocal } from '../mocks/asyncApiMessages';

/** The examples of a media type or parameter: by name, and an unnamed one. */
export type Examples = {
  named: Map<string, unknown>;
  single?: { value: unknown };
};

export const NO_EXAMPLES: Examples = { named: new Map() };

/**
 * OpenAPI 3 `examples` (Example Objects, `$ref`s followed, external values
 * skipped) and `example` of a media type or parameter.
 */
export function examplesOf(document: unknown, holder: unknown): Examples {
  if (!isRecord(holder)) return NO_EXAMPLES;
  const named = new Map<string, unknown>();
  if (isRecord(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const example = resolveLocal(document, raw, '').node;
      if (isRecord(example) && example.value !== undefined)
        named.set(name, example.value);
    }
  }
  return {
    named,
    ...(holder.example !== undefined
      ? { single: { value: holder.example } }
      : {}),
  };
}

/**
 * The example to use for a stub made of example `name`: that one, else the
 * unnamed one, else the first named one; undefined when there is none.
 */
export function pickExample(
  examples: Examples,
  name: string | undefined,
): { value: unknown } | undefined {
  if (name !== undefined && examples.named.has(name))
    return { value: examples.named.get(name) };
  if (examples.single) return examples.single;
  const first = examples.named.entries().next();
  return first.done ? undefined : { value: first.value[1] };
}

/**
 * The example name a stub is made from, paired as Microcks pairs them: the
 * first response example whose name a request example (body or parameter)
 * also has, else the response's first example, else the request's.
 */
export function pairedExampleName(
  response: Examples,
  request: Examples[],
): string | undefined {
  const requestNames = request.flatMap(e => [...e.named.keys()]);
  const responseNames = [...response.named.keys()];
  return (
    responseNames.find(name => requestNames.includes(name)) ??
    responseNames[0] ??
    requestNames[0]
  );
}
