import { isRecord } from '@integration-health/plugin-integration-health-common';
import Ajv, { ValidateFunction } from 'ajv';
import { resolveLocal } from './asyncApiMessages';
import { linearRegExp } from './linearRegExp';
import { MockInteraction } from './mockInteractions';
import { parsePathTemplate, PathTemplate } from './pathTemplate';

type HttpInteraction = Extract<MockInteraction, { kind: 'http' }>;

const SPEC_ID = 'provider-spec';
/** Keys whose values are data, not schemas: a `pattern` or `required` in them is data. */
export const NOT_SCHEMAS = new Set([
  'example',
  'examples',
  'default',
  'enum',
  'const',
]);

/**
 * The OpenAPI document without its schemas' `pattern`s, for PactFlow's
 * comparator: it runs them with JavaScript's backtracking engine, which a
 * mock's text could keep busy for minutes. HttpPatternChecker checks them
 * instead, in linear time.
 */
export function withoutPatterns(node: unknown, depth = 0): unknown {
  if (depth > 200) return node;
  if (Array.isArray(node)) return node.map(n => withoutPatterns(n, depth + 1));
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') continue;
    copy[key] =
      NOT_SCHEMAS.has(key) || key.startsWith('x-')
        ? value
        : withoutPatterns(value, depth + 1);
  }
  return copy;
}

const escapeToken = (token: string) =>
  encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));

const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json/;

type Located = { node: unknown; pointer: string };

function safeDecode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Checks the schema `pattern`s of an OpenAPI operation against HTTP mocks —
 * path, query and header parameters, request and response bodies — with a
 * linear-time engine; only pattern failures are reported, the comparator
 * reports the rest.
 */
export class HttpPatternChecker {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | undefined>();
  private readonly routes: PathTemplate[];
  /** Schema patterns RE2 cannot run, which are not checked. */
  readonly uncheckedPatterns = new Set<string>();

  constructor(private readonly document: unknown) {
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      // Only patterns are judged here; the comparator checks formats.
      validateFormats: false,
      code: {
        regExp: linearRegExp(pattern => this.uncheckedPatterns.add(pattern)),
      },
    });
    this.ajv.addSchema(document as object, SPEC_ID);
    const paths =
      isRecord(document) && isRecord(document.paths) ? document.paths : {};
    this.routes = Object.keys(paths).map(parsePathTemplate);
  }

  private at(located: Located, ...tokens: string[]): Located {
    let current = resolveLocal(this.document, located.node, located.pointer);
    for (const token of tokens) {
      const node = current.node;
      const next =
        isRecord(node) || Array.isArray(node)
          ? (node as Record<string, unknown>)[token]
          : undefined;
      current = resolveLocal(
        this.document,
        next,
        `${current.pointer}/${escapeToken(token)}`,
      );
    }
    return current;
  }

  private validator(pointer: string): ValidateFunction | undefined {
    if (!this.compiled.has(pointer)) {
      let validate: ValidateFunction | undefined;
      try {
        validate = this.ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      } catch {
        validate = undefined; // a schema Ajv cannot read: the comparator says so
      }
      this.compiled.set(pointer, validate);
    }
    return this.compiled.get(pointer);
  }

  /** Pattern failures of `value` against the schema at `schema`. */
  private failures(schema: Located, value: unknown, where: string): string[] {
    if (!isRecord(schema.node) || value === undefined) return [];
    const validate = this.validator(schema.pointer);
    if (!validate || validate(value)) return [];
    return (validate.errors ?? [])
      .filter(
        e => e.keyword === 'pattern' && !/\/(oneOf|anyOf)\//.test(e.schemaPath),
      )
      .map(e => {
        const field = e.instancePath.slice(1).replace(/\//g, '.');
        return `${where}${field ? ` \`${field}\`` : ''}: ${e.message}`;
      });
  }

  private mediaSchema(holder: Located): Located | undefined {
    const content = this.at(holder, 'content');
    if (isRecord(content.node)) {
      const type = Object.keys(content.node).find(t => JSON_MEDIA.test(t));
      return type ? this.at(content, type, 'schema') : undefined;
    }
    return this.at(holder, 'schema'); // OpenAPI 2
  }

  private parameterProblems(
    operation: Located,
    pathItem: Located,
    route: PathTemplate,
    path: string,
    interaction: HttpInteraction,
  ): string[] {
    const { request } = interaction;
    const query = new URLSearchParams(request.query ?? '');
    const headers = new Map(
      Object.entries(request.headers ?? {}).map(([k, v]) => [
        k.toLowerCase(),
        v,
      ]),
    );
    const segments = path.split('/');
    const problems: string[] = [];
    const parameters: Located[] = [];
    for (const owner of [pathItem, operation]) {
      const list = this.at(owner, 'parameters');
      if (!Array.isArray(list.node)) continue;
      for (let index = 0; index < list.node.length; index++)
        parameters.push(this.at(list, String(index)));
    }
    for (const parameter of parameters) {
      if (!isRecord(parameter.node)) continue;
      const { name, in: place } = parameter.node;
      if (typeof name !== 'string') continue;
      let value: unknown;
      if (place === 'body') value = request.body;
      if (place === 'query') value = query.get(name) ?? undefined;
      if (place === 'header') value = headers.get(name.toLowerCase());
      if (place === 'path') {
        const at = route.template.split('/').indexOf(`{${name}}`);
        value = at >= 0 ? safeDecode(segments[at]) : undefined;
        // A `{name}` placeholder (equalTo values arrive encoded): unknown.
        if (interaction.unknown?.pathValues && segments[at]?.includes('{'))
          value = undefined;
      }
      // OpenAPI 2 puts a parameter's pattern on the parameter itself.
      const schema = isRecord(parameter.node.schema)
        ? this.at(parameter, 'schema')
        : parameter;
      const where =
        place === 'body' ? 'request body' : `${place} parameter \`${name}\``;
      problems.push(...this.failures(schema, value, where));
    }
    return problems;
  }

  /**
   * The pattern failures of one HTTP mock, whose path (without the server's
   * base path) matched `template`.
   */
  check(
    interaction: HttpInteraction,
    matched: { template: string; path: string } | undefined,
  ): string[] {
    const route = this.routes.find(r => r.template === matched?.template);
    if (!route || !matched) return [];
    const pathItem = this.at(
      { node: this.document, pointer: '' },
      'paths',
      route.template,
    );
    const operation = this.at(
      pathItem,
      interaction.request.method.toLowerCase(),
    );
    if (!isRecord(operation.node)) return [];
    const problems = this.parameterProblems(
      operation,
      pathItem,
      route,
      matched.path,
      interaction,
    );
    const requestBody = this.at(operation, 'requestBody');
    if (isRecord(requestBody.node)) {
      const schema = this.mediaSchema(requestBody);
      if (schema)
        problems.push(
          ...this.failures(schema, interaction.request.body, 'request body'),
        );
    }
    const status = String(interaction.response.status);
    const responses = this.at(operation, 'responses');
    const declared = isRecord(responses.node)
      ? [status, `${status[0]}XX`, 'default'].find(
          s => responses.node && (responses.node as any)[s] !== undefined,
        )
      : undefined;
    if (declared) {
      const schema = this.mediaSchema(this.at(responses, declared));
      if (schema)
        problems.push(
          ...this.failures(schema, interaction.response.body, 'response body'),
        );
    }
    return problems;
  }
}
