import { loadSpec } from '@integration-health/spec-diff';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MockChecker } from '../mocks/checkMocks';
import {
  generateMockBundle,
  MockBundleFormat,
  MockBundleFormatError,
} from './generateMockBundle';

const examples = path.resolve(__dirname, '../../../../../examples/apis');
const apis = fs
  .readdirSync(examples)
  .filter(api => fs.existsSync(path.join(examples, api, 'api.yaml')));

function currentSpec(api: string) {
  const entity = parse(
    fs.readFileSync(path.join(examples, api, 'api.yaml'), 'utf8'),
  );
  const spec = loadSpec(entity.spec.definition);
  return { ...spec, document: spec.document };
}

const cases = apis.flatMap(api => {
  const formats: MockBundleFormat[] = currentSpec(api).format.startsWith(
    'asyncapi',
  )
    ? ['pact']
    : ['wiremock', 'pact'];
  return formats.map(format => [api, format] as const);
});

describe('generateMockBundle on the demo APIs', () => {
  it('covers every demo API', () => {
    expect(apis.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)(
    '%s as %s passes the mock check with every stub valid',
    async (api, format) => {
      const spec = currentSpec(api);
      const bundle = generateMockBundle({
        spec,
        format,
        consumerName: 'ledger',
        providerName: api,
      });
      expect(bundle.fileName).toBe(
        `ledger-${api}-${spec.version}.${format}.json`,
      );
      const { checks, unchecked } = await new MockChecker(spec).check(
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
        '2026-11-22T08:00:00.000Z',
      );
      expect(unchecked).toBe(0);
      expect(checks.filter(c => !c.valid)).toEqual([]);
      expect(checks).toHaveLength(bundle.stubs.length);
      expect(checks.every(c => c.madeFromVersion === spec.version)).toBe(true);
      expect(bundle.operations).toEqual([
        ...new Set(checks.map(c => c.operation)),
      ]);
    },
  );

  it('refuses WireMock mappings of an event API with a typed error', () => {
    expect(() =>
      generateMockBundle({
        spec: currentSpec('transaction-events'),
        format: 'wiremock',
        consumerName: 'ledger',
        providerName: 'payments',
      }),
    ).toThrow(MockBundleFormatError);
  });
});
