/**
 * Generated hostile spec documents for property-based tests. Each case is a
 * small recipe (what fast-check prints when a case fails) that `render`
 * turns into text, so that megabytes of text are built only once per run.
 */
import fc from 'fast-check';

/** Where a hostile piece sits: the kind of document around it. */
export type Host = 'openapi-json' | 'openapi-yaml' | 'asyncapi' | 'json-schema';

export type HostileRecipe =
  | { shape: 'plain'; host: Host | 'graphql' }
  | { shape: 'run'; unit: string; count: number; prefix: string }
  | {
      shape: 'deep';
      host: Host;
      nesting: 'properties' | 'allOf' | 'arrays' | 'unclosed';
      depth: number;
    }
  | { shape: 'deep-yaml-block'; depth: number }
  | { shape: 'deep-graphql'; nesting: 'list' | 'default-value'; depth: number }
  | {
      shape: 'huge-scalar';
      host: Host | 'graphql';
      unit: string;
      bytes: number;
    }
  | { shape: 'refs'; host: Host; edges: [number, number][]; odd: string[] }
  | { shape: 'ref-chain'; host: Host; length: number }
  | { shape: 'alias-bomb'; width: number; levels: number };

/** Schemas S0, S1, … as JSON texts, placed where each kind of document keeps them. */
function host(kind: Host, schemas: string[]): string {
  const yamlEntries = schemas
    .map((schema, i) => `    S${i}: ${schema}\n`)
    .join('');
  const jsonEntries = schemas.map((schema, i) => `"S${i}":${schema}`).join(',');
  switch (kind) {
    case 'openapi-json':
      return `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},"components":{"schemas":{${jsonEntries}}}}`;
    case 'openapi-yaml':
      return `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "#/components/schemas/S0"}\ncomponents:\n  schemas:\n${yamlEntries}`;
    case 'asyncapi':
      return `asyncapi: 2.6.0\ninfo: {title: t, version: "1"}\nchannels:\n  booked:\n    subscribe:\n      message:\n        payload: {$ref: "#/components/schemas/S0"}\ncomponents:\n  schemas:\n${yamlEntries}`;
    default:
      return `{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"a":{"$ref":"#/$defs/S0"}},"$defs":{${jsonEntries}}}`;
  }
}

const refTo = (kind: Host, index: number) =>
  kind === 'json-schema'
    ? `#/$defs/S${index}`
    : `#/components/schemas/S${index}`;

const PLAIN_SCHEMA =
  '{"type":"object","required":["id"],"properties":{"id":{"type":"string"},"note":{"type":"string"}}}';

const PLAIN_SDL =
  'type Query {\n  item(id: ID!): Item\n}\n\ntype Item {\n  id: ID!\n  note: String\n}\n';

function deepSchema(nesting: string, depth: number): string {
  switch (nesting) {
    case 'properties':
      return `${'{"type":"object","properties":{"x":'.repeat(
        depth,
      )}{"type":"string"}${'}}'.repeat(depth)}`;
    case 'allOf':
      return `${'{"allOf":['.repeat(depth)}{}${']}'.repeat(depth)}`;
    case 'arrays':
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    default:
      return '{"a":'.repeat(depth);
  }
}

function deepYamlBlock(depth: number): string {
  const lines = [
    'openapi: 3.0.3',
    'info: {title: t, version: "1"}',
    'paths: {}',
    'components:',
    '  schemas:',
    '    S0:',
  ];
  for (let level = 0; level < depth; level++) {
    lines.push(`${' '.repeat(6 + level)}x:`);
  }
  lines.push(`${' '.repeat(6 + depth)}type: string`);
  return lines.join('\n');
}

function deepGraphql(nesting: string, depth: number): string {
  return nesting === 'list'
    ? `type Query {\n  a: ${'['.repeat(depth)}String${']'.repeat(depth)}\n}\n`
    : `input In { a: In }\ntype Query {\n  q(arg: In = ${'{a: '.repeat(
        depth,
      )}null${'}'.repeat(depth)}): String\n}\n`;
}

function hugeScalar(kind: Host | 'graphql', unit: string, bytes: number) {
  const text = unit.repeat(Math.ceil(bytes / unit.length));
  if (kind === 'graphql') {
    return `"""${text.replaceAll(
      '"""',
      '\\"""',
    )}"""\ntype Query { a: String }\n`;
  }
  if (kind === 'openapi-yaml' || kind === 'asyncapi') {
    // A folded block scalar: any text reads as itself when indented.
    const block = text.replaceAll('\n', '\n    ');
    return host(kind, [PLAIN_SCHEMA]).replace(
      'info: {title: t, version: "1"}',
      `info:\n  title: t\n  version: "1"\n  description: |\n    ${block}`,
    );
  }
  return host(kind, [
    `{"type":"string","description":${JSON.stringify(text)}}`,
  ]);
}

function refs(kind: Host, edges: [number, number][], odd: string[]): string {
  const count = Math.max(1, ...edges.flat().map(n => n + 1));
  const targets = new Map<number, string[]>();
  for (const [from, to] of edges) {
    targets.set(from, [...(targets.get(from) ?? []), refTo(kind, to)]);
  }
  odd.forEach((ref, i) => {
    const from = i % count;
    targets.set(from, [...(targets.get(from) ?? []), ref]);
  });
  const schema = (index: number) => {
    const properties = (targets.get(index) ?? []).map(
      (ref, i) => `"p${i}":{"$ref":${JSON.stringify(ref)}}`,
    );
    return `{"type":"object","properties":{${properties.join(',')}}}`;
  };
  return host(
    kind,
    Array.from({ length: count }, (_, i) => schema(i)),
  );
}

function refChain(kind: Host, length: number): string {
  const link = (i: number) =>
    i + 1 < length ? `{"$ref":"${refTo(kind, i + 1)}"}` : '{"type":"string"}';
  return host(
    kind,
    Array.from({ length }, (_, i) => link(i)),
  );
}

function aliasBomb(width: number, levels: number): string {
  const lines = [
    'openapi: 3.0.3',
    'info: {title: t, version: "1"}',
    'paths: {}',
    'x-bomb:',
    '  l0: &l0 ["lol"]',
  ];
  for (let level = 1; level <= levels; level++) {
    const aliases = Array.from({ length: width }, () => `*l${level - 1}`);
    lines.push(`  l${level}: &l${level} [${aliases.join(', ')}]`);
  }
  return lines.join('\n');
}

/** The text of a recipe. */
export function render(recipe: HostileRecipe): string {
  switch (recipe.shape) {
    case 'plain':
      return recipe.host === 'graphql'
        ? PLAIN_SDL
        : host(recipe.host, [PLAIN_SCHEMA]);
    case 'run':
      return recipe.prefix + recipe.unit.repeat(recipe.count);
    case 'deep':
      return host(recipe.host, [deepSchema(recipe.nesting, recipe.depth)]);
    case 'deep-yaml-block':
      return deepYamlBlock(recipe.depth);
    case 'deep-graphql':
      return deepGraphql(recipe.nesting, recipe.depth);
    case 'huge-scalar':
      return hugeScalar(recipe.host, recipe.unit, recipe.bytes);
    case 'refs':
      return refs(recipe.host, recipe.edges, recipe.odd);
    case 'ref-chain':
      return refChain(recipe.host, recipe.length);
    default:
      return aliasBomb(recipe.width, recipe.levels);
  }
}

const hosts = fc.constantFrom<Host>(
  'openapi-json',
  'openapi-yaml',
  'asyncapi',
  'json-schema',
);

/** Mostly small counts, sometimes up to `max`: where backtracking shows. */
const count = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 100 }) },
    { weight: 2, arbitrary: fc.integer({ min: 100, max: max / 10 }) },
    { weight: 1, arbitrary: fc.integer({ min: max / 10, max }) },
  );

/** Units that made backtracking readers slow, and the characters around them. */
const RUN_UNITS = [
  '"',
  '"""',
  '""" ',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '\\"',
  '{"',
  "'",
  '#',
  ' ',
  '"\n',
  '- ',
  ': ',
  '&a ',
  '*a ',
  '%',
  '\u0000',
  '\t',
  'extend ',
];

/** Starts that make a run look like a spec of each kind first. */
const RUN_PREFIXES = [
  '',
  'openapi: 3.0.3\ninfo:\n  title: ',
  '{"openapi":"3.0.3","info":{"title":"',
  '{"$schema":"',
  'asyncapi: 2.6.0\nchannels:\n  ',
  'type Query { a: String }\n',
  'extend type Query ',
  '"""',
  '# ',
  '\uFEFF',
  '---\n',
];

/** References that point nowhere, outside, or are not valid pointers. */
export const ODD_REFS = [
  '#/components/schemas/Missing',
  '#/components/schemas/%E0%A4%A',
  '#/components/schemas/%',
  '#/components/schemas/%zz',
  '#/components/schemas/S0%2Fx',
  '#/%00',
  '#',
  '',
  '#/~2',
  `#/${'a/'.repeat(5000)}`,
  'other.yaml#/S',
  '../../../../etc/passwd',
  '/dev/zero',
  'http://127.0.0.1:1/x.json',
  '//example.com/x',
  'file:///dev/zero',
  '#/components/schemas/S0/properties/p0',
  '#/$defs/S0',
  '#/paths/~1a/get',
];

export const hostileRecipe: fc.Arbitrary<HostileRecipe> = fc.oneof(
  fc.record({
    shape: fc.constant('run' as const),
    unit: fc.constantFrom(...RUN_UNITS),
    count: count(200_000),
    prefix: fc.constantFrom(...RUN_PREFIXES),
  }),
  fc.record({
    shape: fc.constant('deep' as const),
    host: hosts,
    nesting: fc.constantFrom(
      'properties' as const,
      'allOf' as const,
      'arrays' as const,
      'unclosed' as const,
    ),
    depth: count(50_000),
  }),
  fc.record({
    shape: fc.constant('deep-yaml-block' as const),
    depth: count(1_200),
  }),
  fc.record({
    shape: fc.constant('deep-graphql' as const),
    nesting: fc.constantFrom('list' as const, 'default-value' as const),
    depth: count(50_000),
  }),
  fc.record({
    shape: fc.constant('huge-scalar' as const),
    host: fc.constantFrom<Host | 'graphql'>(
      'openapi-json',
      'openapi-yaml',
      'asyncapi',
      'json-schema',
      'graphql',
    ),
    unit: fc.constantFrom(
      'a',
      '"',
      '\\',
      '\\u0041',
      '\n',
      '{[',
      '"""',
      '🙂',
      ' # ',
    ),
    bytes: fc.integer({ min: 100_000, max: 3_000_000 }),
  }),
  fc.record({
    shape: fc.constant('refs' as const),
    host: hosts,
    edges: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
      ),
      { maxLength: 300 },
    ),
    odd: fc.subarray(ODD_REFS),
  }),
  fc.record({
    shape: fc.constant('ref-chain' as const),
    host: hosts,
    length: count(20_000),
  }),
  fc.record({
    shape: fc.constant('alias-bomb' as const),
    width: fc.integer({ min: 2, max: 10 }),
    levels: fc.integer({ min: 1, max: 12 }),
  }),
);

const plainRecipe: fc.Arbitrary<HostileRecipe> = fc.record({
  shape: fc.constant('plain' as const),
  host: fc.constantFrom<Host | 'graphql'>(
    'openapi-json',
    'openapi-yaml',
    'asyncapi',
    'json-schema',
    'graphql',
  ),
});

/**
 * Base and revision: a plain document of any kind against a hostile one
 * (either way round), two hostile ones, or the same hostile one twice, so
 * that the comparison itself, not only the reader, meets the hostile part.
 */
export const hostilePair: fc.Arbitrary<{
  base: HostileRecipe;
  revision: HostileRecipe;
}> = fc.oneof(
  fc.record({ base: plainRecipe, revision: hostileRecipe }),
  fc.record({ base: hostileRecipe, revision: plainRecipe }),
  fc.record({ base: hostileRecipe, revision: hostileRecipe }),
  hostileRecipe.map(recipe => ({ base: recipe, revision: recipe })),
);
