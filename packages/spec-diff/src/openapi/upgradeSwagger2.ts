/** Swagger 2.0 → the OpenAPI 3.0 shape the engine compares. */

type Json = Record<string, any>;

const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'collectionFormat',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
];

function schemaOf(param: Json): Json {
  const schema: Json = {};
  for (const key of SCHEMA_KEYS) {
    if (key in param && key !== 'collectionFormat') schema[key] = param[key];
  }
  return schema;
}

function rewriteRefs(text: string): string {
  return text
    .replace(/"#\/definitions\//g, '"#/components/schemas/')
    .replace(/"#\/responses\//g, '"#/components/responses/');
}

function convertResponse(response: Json, produces: string[]): Json {
  if (!response || typeof response !== 'object' || response.$ref)
    return response;
  const converted: Json = { description: response.description ?? '' };
  if (response.schema) {
    converted.content = Object.fromEntries(
      produces.map(m => [m, { schema: response.schema }]),
    );
  }
  if (response.headers) {
    converted.headers = Object.fromEntries(
      Object.entries(response.headers as Json).map(([name, h]) => [
        name,
        { description: h.description, schema: schemaOf(h) },
      ]),
    );
  }
  return converted;
}

export function upgradeSwagger2(source: Json): Json {
  const doc: Json = JSON.parse(rewriteRefs(JSON.stringify(source)));
  const sharedParams: Json = doc.parameters ?? {};
  const resolveParam = (p: Json): Json =>
    p?.$ref?.startsWith('#/parameters/')
      ? sharedParams[p.$ref.slice('#/parameters/'.length)] ?? p
      : p;

  const result: Json = {
    openapi: '3.0.0',
    info: doc.info,
    paths: {},
    components: {
      schemas: doc.definitions ?? {},
      responses: Object.fromEntries(
        Object.entries(doc.responses ?? {}).map(([k, r]) => [
          k,
          convertResponse(r as Json, doc.produces ?? ['application/json']),
        ]),
      ),
      securitySchemes: Object.fromEntries(
        Object.entries(doc.securityDefinitions ?? {}).map(
          ([k, s]: [string, any]) => [
            k,
            s.type === 'basic' ? { type: 'http', scheme: 'basic' } : s,
          ],
        ),
      ),
    },
  };
  if (doc.security) result.security = doc.security;
  if (doc.tags) result.tags = doc.tags;

  const items: [field: string, path: string, item: Json][] = [];
  for (const field of ['paths', 'x-ms-paths']) {
    for (const [path, item] of Object.entries(doc[field] ?? {})) {
      items.push([field, path, item as Json]);
    }
  }
  for (const [field, path, item] of items) {
    const pathParams: Json[] = (item.parameters ?? []).map(resolveParam);
    const converted: Json = {};
    for (const [method, op] of Object.entries(item) as [string, Json][]) {
      if (
        method === 'parameters' ||
        method.startsWith('x-') ||
        typeof op !== 'object'
      )
        continue;
      const consumes: string[] = op.consumes ??
        doc.consumes ?? ['application/json'];
      const produces: string[] = op.produces ??
        doc.produces ?? ['application/json'];
      const params: Json[] = [
        ...pathParams,
        ...(op.parameters ?? []).map(resolveParam),
      ];
      const out: Json = { ...op, parameters: [] };
      delete out.consumes;
      delete out.produces;
      const form: Json = {
        type: 'object',
        properties: {},
        required: [] as string[],
      };
      for (const p of params) {
        if (p.in === 'body') {
          out.requestBody = {
            required: p.required === true,
            content: Object.fromEntries(
              consumes.map(m => [m, { schema: p.schema }]),
            ),
          };
        } else if (p.in === 'formData') {
          form.properties[p.name] = schemaOf(p);
          if (p.required) form.required.push(p.name);
        } else {
          out.parameters.push({
            name: p.name,
            in: p.in,
            required: p.required === true,
            ...(p.description ? { description: p.description } : {}),
            schema: schemaOf(p),
          });
        }
      }
      if (Object.keys(form.properties).length) {
        const media =
          consumes.find(m => m.includes('form')) ??
          'application/x-www-form-urlencoded';
        out.requestBody = { content: { [media]: { schema: form } } };
      }
      out.responses = Object.fromEntries(
        Object.entries(op.responses ?? {}).map(([status, r]) => [
          status,
          convertResponse(r as Json, produces),
        ]),
      );
      converted[method] = out;
    }
    result[field] ??= {};
    result[field][path] = converted;
  }
  return result;
}
