import {
  isRecord,
  type GeneratedMockBundle,
  type MockBundleFormat,
} from '@integration-health/plugin-integration-health-common';
import { asyncApiStubs } from './asyncApiStubs';
import { openApiStubs } from './openApiStubs';
import { HttpStub, MessageStub, stubLine } from './stubs';
import { toPact } from './toPact';
import { toWireMock } from './toWireMock';

export type { GeneratedMockBundle, MockBundleFormat };

/** A bundle format the spec cannot be mocked in (WireMock of an event API); the caller's input error. */
export class MockBundleFormatError extends Error {
  name = 'MockBundleFormatError';
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `GET /a` and `get /a` are the same operation. */
function normalized(operation: string): string {
  const space = operation.indexOf(' ');
  return space < 0
    ? operation
    : `${operation.slice(0, space).toLowerCase()} ${operation.slice(
        space + 1,
      )}`;
}

/**
 * A consumer's mocks generated from a provider's spec (parsed, as the spec
 * worker pool's `load` returns it): one stub per operation and status for
 * OpenAPI 2 and 3 (WireMock mappings or pact v4 HTTP interactions), one
 * message per channel message for AsyncAPI 2 and 3 (pact v4 asynchronous
 * messages). Only the operations given, when any are and any of them is
 * still in the spec.
 */
export function generateMockBundle(options: {
  spec: { format: string; document: unknown; version?: string };
  /** Operations the consumer uses, named as the mock checker names them; undefined or empty: every operation. */
  operations?: string[];
  format: MockBundleFormat;
  consumerName: string;
  providerName: string;
}): GeneratedMockBundle {
  const { spec, format, consumerName, providerName } = options;
  const document = isRecord(spec.document) ? spec.document : {};
  const specVersion = spec.version;
  const used = new Set((options.operations ?? []).map(normalized));
  let stubsOf: (
    wanted: (operation: string) => boolean,
  ) => (HttpStub | MessageStub)[];
  if (spec.format.startsWith('openapi')) {
    stubsOf = wanted => openApiStubs(document, wanted);
  } else if (spec.format.startsWith('asyncapi')) {
    if (format === 'wiremock') {
      throw new MockBundleFormatError(
        'WireMock mocks HTTP APIs only; event APIs are mocked as pact messages',
      );
    }
    stubsOf = wanted => asyncApiStubs(document, wanted);
  } else {
    throw new MockBundleFormatError(
      `mocks of ${spec.format} specs are not generated`,
    );
  }
  let stubs = stubsOf(
    operation => used.size === 0 || used.has(normalized(operation)),
  );
  // None of the consumer's operations is in the spec any more: what the
  // provider offers now is the useful bundle.
  if (stubs.length === 0 && used.size > 0) stubs = stubsOf(() => true);
  const content =
    format === 'wiremock'
      ? toWireMock(stubs as HttpStub[], specVersion)
      : toPact({ stubs, consumerName, providerName, specVersion });
  const name = [consumerName, providerName, specVersion]
    .filter(Boolean)
    .map(part => slug(String(part)))
    .join('-');
  return {
    format,
    fileName: `${name || 'mocks'}.${format}.json`,
    ...(specVersion !== undefined ? { specVersion } : {}),
    operations: [...new Set(stubs.map(s => s.operation))],
    stubs: stubs.map(stubLine),
    content,
  };
}
