import { isRecord } from '@integration-health/plugin-integration-health-common';
import { sample } from 'openapi-sampler';
import { sampleOfPattern } from './patternSample';

// Values, not schemas: a `pattern` key in them is data.
const VALUES = new Set(['example', 'examples', 'default', 'enum', 'const']);

/**
 * The document with an `example` on every string schema that has a
 * `pattern` and no example of its own, so openapi-sampler (which reads
 * examples first) returns text that matches the pattern.
 */
function withPatternExamples(node: unknown, depth = 0): unknown {
  if (depth > 200) return node;
  if (Array.isArray(node))
    return node.map(n => withPatternExamples(n, depth + 1));
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      VALUES.has(key) || key.startsWith('x-')
        ? value
        : withPatternExamples(value, depth + 1);
  }
  if (
    typeof node.pattern === 'string' &&
    node.example === undefined &&
    node.examples === undefined &&
    node.default === undefined &&
    node.enum === undefined &&
    node.const === undefined
  ) {
    const text = sampleOfPattern(node.pattern);
    const min = typeof node.minLength === 'number' ? node.minLength : 0;
    const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
    if (text !== undefined && text.length >= min && text.length <= max)
      copy.example = text;
  }
  return withDiscriminatorTag(node, copy);
}

/**
 * openapi-sampler samples the first alternative of a `oneOf` or `anyOf`
 * but leaves the discriminator's property at its own sample: the first
 * alternative, with the property set to the value that names it (its key
 * in `mapping`, else its schema's name), is what a provider sends.
 */
function withDiscriminatorTag(
  node: Record<string, unknown>,
  copy: Record<string, unknown>,
): Record<string, unknown> {
  const discriminator = node.discriminator;
  const alternatives = copy.oneOf ?? copy.anyOf;
  if (
    !isRecord(discriminator) ||
    typeof discriminator.propertyName !== 'string' ||
    !Array.isArray(alternatives) ||
    !isRecord(alternatives[0]) ||
    typeof alternatives[0].$ref !== 'string'
  ) {
    return copy;
  }
  const ref = alternatives[0].$ref;
  const mapping = isRecord(discriminator.mapping) ? discriminator.mapping : {};
  const tag =
    Object.keys(mapping).find(key => mapping[key] === ref) ??
    ref.split('/').pop()!;
  const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _d, ...rest } = copy;
  return {
    ...rest,
    allOf: [
      alternatives[0],
      {
        type: 'object',
        properties: {
          [discriminator.propertyName]: { type: 'string', example: tag },
        },
      },
    ],
  };
}

export type SampleUse = 'request' | 'response';

/**
 * Schema-driven samples with openapi-sampler: request samples leave out
 * readOnly properties and response samples writeOnly ones, as a provider
 * would. `$ref`s resolve against the whole document.
 */
export class SchemaSampler {
  private readonly document: Record<string, unknown>;

  constructor(document: unknown) {
    const prepared = withPatternExamples(document);
    this.document = isRecord(prepared) ? prepared : {};
  }

  /** A sample; `requiredOnly` leaves out the properties a schema does not require. */
  sample(
    schema: unknown,
    use: SampleUse,
    options: { requiredOnly?: boolean } = {},
  ): unknown {
    if (!isRecord(schema)) return undefined;
    const prepared = withPatternExamples(schema);
    return sample(
      prepared as any,
      {
        quiet: true,
        skipReadOnly: use === 'request',
        skipWriteOnly: use === 'response',
        skipNonRequired: options.requiredOnly ?? false,
        maxSampleDepth: 8,
      },
      this.document,
    );
  }
}
