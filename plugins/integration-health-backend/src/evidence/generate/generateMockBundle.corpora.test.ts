import { loadSpec } from '@integration-health/spec-diff';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_SPECS, specFiles } from '../../__testUtils__/sharedSpecs';
import { MockChecker, SpecNotCheckableError } from '../mocks/checkMocks';
import { generateMockBundle } from './generateMockBundle';

jest.setTimeout(120_000);

const shared = SHARED_SPECS;

/** The specs the generator supports: those that load as OpenAPI or AsyncAPI and can be checked against. */
function supported(file: string) {
  try {
    const spec = loadSpec(fs.readFileSync(file, 'utf8'));
    if (!/^(openapi|asyncapi)/.test(spec.format)) return undefined;
    const checker = new MockChecker({ ...spec, version: spec.version });
    return { spec, checker };
  } catch {
    return undefined;
  }
}

/**
 * Stubs the plugin's own check refuses today, each with why; the test fails
 * on any other refusal, and on any of these that passes (then it goes).
 */
const KNOWN: Record<string, string> = {
  // A oneOf of object schemas that every object matches: no sample can match
  // exactly one (a body that breaks one branch on purpose would).
  'bc_oneof_base.yaml POST /widgets': 'ambiguous oneOf',
  'bc_oneof_changed_but_compatible.yaml POST /widgets': 'ambiguous oneOf',
  'bc_response_oneof_increased.yaml POST /widgets': 'ambiguous oneOf',
  'oneOf_discriminator-missing_1.yaml POST /state': 'ambiguous oneOf',
  'oneOf_discriminator-missing_2.yaml POST /state': 'ambiguous oneOf',
  // A discriminator on a base schema that subschemas extend with allOf:
  // the sample is the base, whose tag names no subschema.
  'schema_diff_cache_1.yaml POST /pet': 'discriminator on an allOf base',
  // Swagger 2 formData sent URL-encoded, which the comparator reads as text.
  'petstore_v2_1.yaml POST /pet/{petId}/uploadImage': 'formData',
  'petstore_v2_2.yaml POST /pet/{petId}/uploadImage': 'formData',
};

// Skipped only on a machine without the corpora and outside CI.
const describeShared =
  fs.existsSync(shared) || process.env.CI ? describe : describe.skip;

describeShared('generated mocks on the shared corpora', () => {
  const files = [
    ...specFiles(path.join(shared, 'openapitools')),
    ...specFiles(path.join(shared, 'asyncapi')),
  ];

  it('finds the corpora', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it('makes bundles that pass the plugin own mock check in full, for every spec it supports', async () => {
    const failures: string[] = [];
    const stillFailing = new Set<string>();
    let checked = 0;
    for (const file of files) {
      const loaded = supported(file);
      if (!loaded) continue;
      const { spec, checker } = loaded;
      const format = spec.format.startsWith('asyncapi') ? 'pact' : 'wiremock';
      let bundle;
      try {
        bundle = generateMockBundle({
          spec: { ...spec, document: spec.document },
          format,
          consumerName: 'consumer',
          providerName: 'provider',
        });
      } catch (error) {
        failures.push(`${path.relative(shared, file)}: ${error}`);
        continue;
      }
      let checks;
      try {
        ({ checks } = await checker.check(
          [
            {
              source: 'generated',
              document: {
                name: bundle.fileName,
                format,
                content: bundle.content,
              },
            },
          ],
          '2026-12-03T00:00:00.000Z',
        ));
      } catch (error) {
        // A spec the checker cannot compile is one it does not support.
        if (error instanceof SpecNotCheckableError) continue;
        throw error;
      }
      checked++;
      for (const check of checks.filter(c => !c.valid)) {
        const known = `${path.basename(file)} ${check.operation}`;
        if (KNOWN[known]) {
          stillFailing.add(known);
          continue;
        }
        failures.push(
          `${path.relative(shared, file)}: ${
            check.operation
          }: ${check.problems.join('; ')}`,
        );
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect([...stillFailing].sort()).toEqual(Object.keys(KNOWN).sort());
  });
});
