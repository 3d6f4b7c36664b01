import { isRecord } from '@integration-health/plugin-integration-health-common';
import { resolveLocal } from '../mocks/asyncApiMessages';
import { isJsonMediaType } from '../mocks/wireMockMatchers';
import {
  Examples,
  examplesOf,
  NO_EXAMPLES,
  pickExample,
} from './openApiExamples';
import { Parameter } from './openApiParameters';
import { SampleUse, SchemaSampler } from './samples';
import { StubBody } from './stubs';

/** Where a body comes from: its media type, schema and examples. */
export type BodySource = {
  contentType: string;
  schema?: unknown;
  examples: Examples;
};

const BINARY_TYPES =
  /^(application\/(octet-stream|pdf|zip|gzip)|image\/|audio\/|video\/)/i;
const FORM = 'application/x-www-form-urlencoded';
// Eight bytes that stand for a file: a body the checker leaves unchecked.
const SAMPLE_BYTES = Buffer.from('%PDF-1.7').toString('base64');

/** A concrete media type for a content key, which may be a range (`*\/*`). */
function concrete(mediaType: string): string {
  if (mediaType === '*/*' || mediaType === 'application/*')
    return 'application/json';
  if (mediaType.endsWith('/*')) return `${mediaType.slice(0, -1)}plain`;
  return mediaType;
}

/** JSON first (what consumers of an API mostly use), then the first listed. */
function preferred(mediaTypes: string[]): string | undefined {
  return (
    mediaTypes.find(t => isJsonMediaType(concrete(t))) ??
    mediaTypes.find(t => t.includes('*')) ??
    mediaTypes[0]
  );
}

/** The body source of an OpenAPI 3 `content` map. */
function fromContent(
  document: unknown,
  content: unknown,
): BodySource | undefined {
  if (!isRecord(content)) return undefined;
  const key = preferred(Object.keys(content));
  if (key === undefined) return undefined;
  const media = isRecord(content[key]) ? content[key] : {};
  return {
    contentType: concrete(key),
    schema: media.schema,
    examples: examplesOf(document, media),
  };
}

function listOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** The request body of an operation: OpenAPI 3 `requestBody`, or an OpenAPI 2 body or form parameters. */
export function requestBodySource(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  parameters: Parameter[],
): BodySource | undefined {
  if (operation.requestBody !== undefined) {
    const body = resolveLocal(document, operation.requestBody, '').node;
    return isRecord(body) ? fromContent(document, body.content) : undefined;
  }
  const consumes = listOf(operation.consumes ?? document.consumes);
  const bodyParameter = parameters.find(p => p.in === 'body');
  if (bodyParameter) {
    return {
      contentType: concrete(preferred(consumes) ?? 'application/json'),
      schema: bodyParameter.schema,
      examples: {
        named: new Map(),
        ...(isRecord(bodyParameter['x-examples'])
          ? { single: { value: Object.values(bodyParameter['x-examples'])[0] } }
          : {}),
      },
    };
  }
  const form = parameters.filter(p => p.in === 'formData');
  if (form.length === 0) return undefined;
  const required = form.filter(p => p.required === true);
  return {
    contentType: consumes.find(t => t === FORM) ?? FORM,
    schema: {
      type: 'object',
      required: required.map(p => p.name),
      properties: Object.fromEntries(
        form.map(({ name, in: _in, required: _r, ...schema }) => [
          name,
          schema,
        ]),
      ),
    },
    examples: NO_EXAMPLES,
  };
}

/** The body of one response: OpenAPI 3 `content`, or an OpenAPI 2 `schema` with `produces`. */
export function responseBodySource(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  response: Record<string, unknown>,
): BodySource | undefined {
  if (response.content !== undefined)
    return fromContent(document, response.content);
  if (response.schema === undefined) return undefined;
  const produces = listOf(operation.produces ?? document.produces);
  const examples = isRecord(response.examples) ? response.examples : {};
  const contentType = concrete(
    preferred(produces) ??
      preferred(Object.keys(examples)) ??
      'application/json',
  );
  return {
    contentType,
    schema: response.schema,
    examples: {
      named: new Map(),
      ...(examples[contentType] !== undefined
        ? { single: { value: examples[contentType] } }
        : {}),
    },
  };
}

function isBinary(document: unknown, source: BodySource): boolean {
  const schema = resolveLocal(document, source.schema, '').node;
  if (isRecord(schema)) {
    if (schema.type === 'file') return true;
    if (schema.type === 'string' && schema.format === 'binary') return true;
    if (typeof schema.contentMediaType === 'string' && !schema.properties)
      return true;
  }
  return BINARY_TYPES.test(source.contentType);
}

/**
 * The body of a stub made of example `exampleName`: the example, else a
 * schema sample. Binary bodies are a few bytes as base64; form bodies are
 * URL-encoded; bodies that are neither JSON nor binary are text.
 */
export function stubBody(
  document: unknown,
  sampler: SchemaSampler,
  source: BodySource,
  exampleName: string | undefined,
  use: SampleUse,
): StubBody | undefined {
  if (isBinary(document, source))
    return { kind: 'binary', base64: SAMPLE_BYTES };
  const example = pickExample(source.examples, exampleName);
  const value = example ? example.value : sampler.sample(source.schema, use);
  if (value === undefined) return undefined;
  if (isJsonMediaType(source.contentType)) return { kind: 'json', value };
  if (source.contentType === FORM && isRecord(value)) {
    const form = new URLSearchParams();
    for (const [key, field] of Object.entries(value))
      form.append(
        key,
        typeof field === 'string' ? field : JSON.stringify(field),
      );
    return { kind: 'text', value: form.toString() };
  }
  return {
    kind: 'text',
    value: typeof value === 'string' ? value : JSON.stringify(value),
  };
}
