/**
 * A fast path for YAML: js-yaml reads a typical spec four to five times
 * faster than the `yaml` package. It is only trusted with the plain case:
 * anything it refuses (a syntax error, a duplicate key, nesting deeper than
 * its bound) and any document that uses aliases goes to the careful reader,
 * which reports the first error with its line, notes duplicate keys and
 * bounds alias expansion.
 */
import type * as JsYaml from 'js-yaml';
import { SpecInputError } from '../errors';

/** Deeper than this no spec goes; the fast reader refuses it. */
export const MAX_YAML_DEPTH = 1000;

let schema: JsYaml.Schema | undefined;

function load(): { jsYaml: typeof JsYaml; schema: JsYaml.Schema } {
  const jsYaml: typeof JsYaml = require('js-yaml');
  // The YAML 1.2 core schema, as the careful reader uses (dates stay
  // strings), with merge keys, which it reads too.
  // (`types` is exported, but not in the published typings.)
  const { merge } = (jsYaml as unknown as { types: { merge: JsYaml.Type } })
    .types;
  schema ??= jsYaml.CORE_SCHEMA.extend({ implicit: [merge] });
  return { jsYaml, schema };
}

/** True when some object is reached twice: the document used an alias. */
function sharesNodes(root: unknown): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const value of Object.values(node)) {
      if (value !== null && typeof value === 'object') pending.push(value);
    }
  }
  return false;
}

/**
 * The document, or undefined when the careful reader must read it. A
 * document nested deeper than MAX_YAML_DEPTH is refused here: the careful
 * reader would take seconds per megabyte of `- - - …` and then run out of
 * stack.
 */
export function readYamlFast(
  text: string,
  which?: 'base' | 'revision',
): { value: unknown } | undefined {
  const { jsYaml, schema: core } = load();
  let value: unknown;
  try {
    value = jsYaml.load(text, {
      schema: core,
      maxDepth: MAX_YAML_DEPTH,
    } as JsYaml.LoadOptions);
  } catch (error) {
    if (String((error as Error).message).includes('exceeded maxDepth')) {
      throw new SpecInputError(
        'too-large',
        `the document nests deeper than ${MAX_YAML_DEPTH} levels`,
        { which },
      );
    }
    return undefined;
  }
  return sharesNodes(value) ? undefined : { value };
}
