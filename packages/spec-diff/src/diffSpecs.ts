import { SpecInputError } from './errors';
import { FindingCollector } from './FindingCollector';
import { detectFormat, looksLikeGraphql } from './load/detectFormat';
import {
  DEFAULT_LIMITS,
  parseDocumentText,
  ParseLimits,
  ParseNote,
  Side,
} from './load/parseDocument';
import { DOCUMENT_RULES } from './documentRules';
import { SpecDocument } from './load/SpecDocument';
import { StableRefs } from './load/StableRefs';
import { diffOpenApi } from './openapi/diffOpenApi';
import { OPERATION_RULES } from './openapi/operationRules';
import { upgradeSwagger2 } from './openapi/upgradeSwagger2';
import { diffAsyncApi } from './asyncapi/diffAsyncApi';
import { diffGraphqlAsync } from './graphql/diffGraphql';
import { ASYNCAPI_RULES } from './asyncapi/asyncApiRules';
import { diffJsonSchema } from './jsonschema/diffJsonSchema';
import { SchemaComparator } from './schema/SchemaComparator';
import { DiffOptions, DiffResult, SpecFormat } from './types';

/**
 * A spec as text (JSON or YAML, or GraphQL SDL) or as an already parsed
 * document.
 *
 * @public
 */
export type SpecInput = string | object;

function family(format: SpecFormat): string {
  if (format.startsWith('openapi')) return 'openapi';
  if (format.startsWith('asyncapi')) return 'asyncapi';
  return format;
}

function load(
  input: SpecInput,
  side: Side,
  limits: ParseLimits,
  notes: ParseNote[],
): { document: unknown; format: SpecFormat } | { sdl: string } {
  if (typeof input === 'string' && looksLikeGraphql(input)) {
    return { sdl: input };
  }
  const document =
    typeof input === 'string'
      ? parseDocumentText(input, side, limits, notes)
      : input;
  const format = detectFormat(document);
  if (!format) {
    throw new SpecInputError(
      'unknown-format',
      'not an OpenAPI, AsyncAPI, JSON Schema or GraphQL document',
      { which: side },
    );
  }
  return { document, format };
}

/**
 * Classifies every change from `base` to `revision`. Inputs are spec texts
 * (YAML, JSON or GraphQL SDL) or parsed documents. Throws SpecInputError for
 * input that cannot be diffed.
 *
 * @public
 */
export async function diffSpecs(
  base: SpecInput,
  revision: SpecInput,
  options: DiffOptions = {},
): Promise<DiffResult> {
  try {
    return await compare(base, revision, options);
  } catch (error) {
    // The comparison recurses along nesting and $ref chains: documents deep
    // enough to exhaust the stack are refused, as too large, not crashed on.
    if (error instanceof RangeError && /call stack/.test(error.message)) {
      throw new SpecInputError(
        'too-large',
        'the documents nest too deeply (in their text or through $ref chains) to be compared',
      );
    }
    throw error;
  }
}

async function compare(
  base: SpecInput,
  revision: SpecInput,
  options: DiffOptions,
): Promise<DiffResult> {
  const limits: ParseLimits = {
    maxDocumentBytes:
      options.maxDocumentBytes ?? DEFAULT_LIMITS.maxDocumentBytes,
    maxAliases: options.maxAliases ?? DEFAULT_LIMITS.maxAliases,
  };
  const notes: ParseNote[] = [];
  const before = load(base, 'base', limits, notes);
  const after = load(revision, 'revision', limits, notes);

  if ('sdl' in before || 'sdl' in after) {
    if (!('sdl' in before) || !('sdl' in after)) {
      throw new SpecInputError(
        'format-mismatch',
        'one side is GraphQL SDL and the other is not',
      );
    }
    return diffGraphqlAsync(before.sdl, after.sdl, options.maxGraphqlTokens);
  }
  if (family(before.format) !== family(after.format)) {
    throw new SpecInputError(
      'format-mismatch',
      `the base is ${before.format} and the revision is ${after.format}`,
    );
  }

  const upgrade = (doc: unknown, format: SpecFormat) =>
    format === 'openapi-2.0'
      ? upgradeSwagger2(doc as Record<string, unknown>)
      : doc;
  const baseDoc = new SpecDocument(upgrade(before.document, before.format), {
    side: 'base',
    dir: options.baseDir,
    limits,
  });
  const revisionDoc = new SpecDocument(upgrade(after.document, after.format), {
    side: 'revision',
    dir: options.revisionDir ?? options.baseDir,
    limits,
  });
  const stable = new StableRefs(baseDoc.root, revisionDoc.root);
  const findings = new FindingCollector(
    id => OPERATION_RULES[id] ?? ASYNCAPI_RULES[id] ?? DOCUMENT_RULES[id],
  );
  const context = {
    base: baseDoc,
    revision: revisionDoc,
    schemas: new SchemaComparator(baseDoc, revisionDoc, stable),
    stable,
    findings,
    today: (options.today ?? new Date()).toISOString().slice(0, 10),
    deprecationDays: {
      beta: options.deprecationDays?.beta ?? 0,
      stable: options.deprecationDays?.stable ?? 0,
    },
  };

  const kind = family(after.format);
  if (kind === 'openapi') diffOpenApi(context);
  else if (kind === 'asyncapi') diffAsyncApi(context);
  else diffJsonSchema(context);

  for (const unresolved of [...baseDoc.unresolved, ...revisionDoc.unresolved]) {
    findings.add({
      id: 'spec-ref-unresolved',
      location: unresolved.ref,
      pointer: '',
      message: `$ref ${unresolved.ref} not followed (${unresolved.side}): ${unresolved.reason}; what changed behind it is not judged, so consumers may break without a finding`,
      subject: unresolved.ref,
    });
  }
  for (const note of notes) {
    findings.add({
      id: 'spec-duplicate-key',
      location: `${note.which} line ${note.line}`,
      pointer: note.pointer,
      message: `the ${note.which} has the key ${note.pointer} more than once; the last one (line ${note.line}) is read, as JSON.parse and Go's encoding/json read it, while strict YAML readers refuse the document`,
      subject: `${note.which}|${note.pointer}|${note.offset}`,
    });
  }
  return { format: after.format, ...findings.result() };
}
