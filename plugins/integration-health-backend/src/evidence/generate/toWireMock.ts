import { HttpStub, StubBody, stubLine } from './stubs';

const equalTo = (
  values: Record<string, string>,
  encode: (value: string) => string = value => value,
) =>
  Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      { equalTo: encode(value) },
    ]),
  );

function bodyPattern(body: StubBody): Record<string, unknown> {
  if (body.kind === 'json') {
    // WireMock reads a string here as JSON text: a JSON string, number or
    // boolean body is written as its JSON.
    const value = body.value;
    return {
      equalToJson:
        value !== null && typeof value === 'object'
          ? value
          : JSON.stringify(value),
    };
  }
  if (body.kind === 'text') return { equalTo: body.value };
  return { binaryEqualTo: body.base64 };
}

function responseBody(body: StubBody | undefined): Record<string, unknown> {
  if (!body) return {};
  if (body.kind === 'json') return { jsonBody: body.value };
  if (body.kind === 'text') return { body: body.value };
  return { base64Body: body.base64 };
}

/**
 * One WireMock mapping per stub: templated paths as `urlPathTemplate` with
 * `pathParameters` (`equalTo` the sample values as they appear in the URL),
 * the rest as `urlPath`;
 * query parameters, headers and the body as exact matchers; each mapping
 * named after its operation and status and stamped with the spec version.
 */
export function toWireMock(
  stubs: HttpStub[],
  specVersion: string | undefined,
): { mappings: unknown[] } {
  return {
    mappings: stubs.map(stub => {
      const templated = Object.keys(stub.pathValues).length > 0;
      const headers = {
        ...stub.headers,
        ...(stub.requestBody
          ? { 'Content-Type': stub.requestBody.contentType }
          : {}),
      };
      return {
        name: stubLine(stub),
        request: {
          method: stub.method,
          ...(templated
            ? {
                urlPathTemplate: stub.pathTemplate,
                // WireMock compares the raw segment, still URL-encoded.
                pathParameters: equalTo(stub.pathValues, encodeURIComponent),
              }
            : { urlPath: stub.pathTemplate }),
          ...(Object.keys(stub.query).length
            ? { queryParameters: equalTo(stub.query) }
            : {}),
          ...(Object.keys(headers).length ? { headers: equalTo(headers) } : {}),
          ...(stub.requestBody
            ? { bodyPatterns: [bodyPattern(stub.requestBody.body)] }
            : {}),
        },
        response: {
          status: stub.status,
          ...(stub.response.contentType
            ? { headers: { 'Content-Type': stub.response.contentType } }
            : {}),
          ...responseBody(stub.response.body),
        },
        metadata: { specVersion },
      };
    }),
  };
}
