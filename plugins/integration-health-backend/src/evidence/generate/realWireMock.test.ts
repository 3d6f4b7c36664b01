import { loadSpec } from '@integration-health/spec-diff';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  javaBinary,
  RealWireMock,
  send,
  startWireMock,
} from '../../__testUtils__/wireMock';
import { SHARED_SPECS, specFiles } from '../../__testUtils__/sharedSpecs';
import { readWireMock } from '../mocks/readWireMock';
import { generateMockBundle } from './generateMockBundle';

jest.setTimeout(300_000);

// Generated WireMock bundles loaded into a real WireMock server: every stub's
// request, as our reader reads it back, is answered by that stub with its
// status and body, and a request with another path value is not.

type Mapping = {
  id?: string;
  name: string;
  request: Record<string, unknown>;
  response: {
    status: number;
    jsonBody?: unknown;
    body?: string;
    base64Body?: string;
  };
};

const examples = path.resolve(__dirname, '../../../../../examples/apis');
const fixtures = path.join(__dirname, '__fixtures__');
const shared = path.join(SHARED_SPECS, 'openapitools');

function openApiOf(text: string) {
  try {
    const spec = loadSpec(text);
    return spec.format.startsWith('openapi')
      ? { ...spec, document: spec.document }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Every OpenAPI spec the repo and the shared corpus have, by a readable name. */
function specs() {
  const found: Array<[string, NonNullable<ReturnType<typeof openApiOf>>]> = [];
  for (const api of fs.readdirSync(examples)) {
    const file = path.join(examples, api, 'api.yaml');
    if (!fs.existsSync(file)) continue;
    const spec = openApiOf(
      parse(fs.readFileSync(file, 'utf8')).spec.definition,
    );
    if (spec) found.push([`examples/${api}`, spec]);
  }
  for (const file of [...specFiles(fixtures), ...specFiles(shared)]) {
    const spec = openApiOf(fs.readFileSync(file, 'utf8'));
    if (spec) found.push([path.basename(file), spec]);
  }
  return found;
}

/**
 * Stubs WireMock cannot serve as generated, each with why; the test fails on
 * any other, and on any of these that starts to be served.
 */
const KNOWN: Record<string, string> = {
  // Swagger 2 formData as one text body under a bare multipart/form-data
  // type: a real upload carries a boundary and parts (multipartPatterns).
  'petstore_v2_1.yaml POST /pet/{petId}/uploadImage → 200': 'formData',
  'petstore_v2_2.yaml POST /pet/{petId}/uploadImage → 200': 'formData',
};

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b);

const javaMissing = !javaBinary();
const describeWithJava =
  javaMissing && !process.env.CI ? describe.skip : describe;

describeWithJava('generated WireMock bundles in a real WireMock', () => {
  let wireMock: RealWireMock;
  beforeAll(async () => {
    wireMock = await startWireMock();
  });
  afterAll(async () => {
    await wireMock?.stop();
  });

  it('answers every stub request with that stub, for the demo APIs, the team fixtures and the shared corpus', async () => {
    const all = specs();
    expect(all.length).toBeGreaterThan(process.env.CI ? 200 : 5);
    const failures: string[] = [];
    const stillKnown = new Set<string>();
    let served = 0;
    let refusedOtherValue = 0;
    for (const [name, spec] of all) {
      let bundle;
      try {
        bundle = generateMockBundle({
          spec,
          format: 'wiremock',
          consumerName: 'consumer',
          providerName: 'provider',
        });
      } catch {
        continue; // the generator's own tests cover what it refuses
      }
      const mappings = (bundle.content as { mappings: Mapping[] }).mappings.map(
        m => ({ ...m, id: randomUUID() }),
      );
      if (mappings.length === 0) continue;
      await wireMock.load(mappings);
      const { interactions, unreadable } = readWireMock(
        { mappings },
        { name: bundle.fileName },
      );
      expect(unreadable).toEqual([]);
      for (const [index, interaction] of interactions.entries()) {
        if (interaction.kind !== 'http') continue;
        const mapping = mappings[index];
        // Bytes (binaryEqualTo) are unknown to the reader: sent as given.
        const [pattern] = (mapping.request.bodyPatterns ?? []) as Array<{
          binaryEqualTo?: string;
        }>;
        const bytes =
          pattern?.binaryEqualTo !== undefined
            ? Buffer.from(pattern.binaryEqualTo, 'base64')
            : undefined;
        const answer = await send(wireMock.url, interaction, bytes);
        const { matched, text } = answer;
        // Two stubs may describe the same request (one per status with no
        // example to tell them apart, or a spec with two templates of one
        // shape): WireMock answers with the last one loaded, which must
        // then have the same request or give the same response.
        const winner = mappings.find(m => m.id === matched);
        const key = `${name} ${mapping.name}`;
        if (KNOWN[key]) {
          if (winner === mapping) failures.push(`${key}: now served`);
          else stillKnown.add(key);
          continue;
        }
        if (
          !winner ||
          !(
            same(winner.request, mapping.request) ||
            same(winner.response, mapping.response)
          )
        ) {
          failures.push(
            `${name} ${mapping.name}: ${answer.status} ${text.slice(0, 1500)}`,
          );
          continue;
        }
        served++;
        if (winner !== mapping) continue;
        const expected = mapping.response;
        let body: unknown = text;
        if (expected.jsonBody !== undefined) body = JSON.parse(text);
        if (
          answer.status !== expected.status ||
          (expected.jsonBody !== undefined && !same(body, expected.jsonBody)) ||
          (expected.body !== undefined && text !== expected.body)
        ) {
          failures.push(`${key}: answered ${answer.status} ${text}`);
        }
        // Path values are pinned down: another value is not this stub.
        const pathParameters = mapping.request.pathParameters as
          | Record<string, { equalTo: string }>
          | undefined;
        const [first] = Object.keys(pathParameters ?? {});
        if (first) {
          const other = interaction.request.path.replace(
            pathParameters![first].equalTo,
            'not-the-sample-value',
          );
          if (other !== interaction.request.path) {
            const missed = await send(
              wireMock.url,
              {
                ...interaction,
                request: { ...interaction.request, path: other },
              },
              bytes,
            );
            if (missed.matched !== mapping.id) {
              refusedOtherValue++;
            } else {
              failures.push(`${name} ${mapping.name}: matched ${other}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...stillKnown].sort()).toEqual(
      fs.existsSync(shared) ? Object.keys(KNOWN).sort() : [],
    );
    expect(served).toBeGreaterThan(process.env.CI ? 500 : 20);
    expect(refusedOtherValue).toBeGreaterThan(10);
  });
});
