import { filledPath, HttpStub, MessageStub, StubBody, stubLine } from './stubs';

function pactBody(body: StubBody, contentType: string) {
  if (body.kind === 'binary')
    return { content: body.base64, contentType, encoded: 'base64' };
  return { content: body.value, contentType, encoded: false };
}

const lists = (values: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, [value]]),
  );

function httpInteraction(stub: HttpStub) {
  const headers = {
    ...stub.headers,
    ...(stub.requestBody
      ? { 'Content-Type': stub.requestBody.contentType }
      : {}),
  };
  const { contentType, body } = stub.response;
  return {
    type: 'Synchronous/HTTP',
    description: stubLine(stub),
    ...(stub.example ? { providerStates: [{ name: stub.example }] } : {}),
    pending: false,
    request: {
      method: stub.method,
      path: filledPath(stub),
      ...(Object.keys(stub.query).length ? { query: lists(stub.query) } : {}),
      ...(Object.keys(headers).length ? { headers: lists(headers) } : {}),
      ...(stub.requestBody
        ? {
            body: pactBody(stub.requestBody.body, stub.requestBody.contentType),
          }
        : {}),
    },
    response: {
      status: stub.status,
      ...(contentType ? { headers: { 'Content-Type': [contentType] } } : {}),
      ...(body && contentType ? { body: pactBody(body, contentType) } : {}),
    },
  };
}

function messageInteraction(stub: MessageStub) {
  return {
    type: 'Asynchronous/Messages',
    description: stubLine(stub),
    pending: false,
    contents: {
      content: stub.contents,
      contentType: 'application/json',
      encoded: false,
    },
    metadata: { topic: stub.topic },
  };
}

/**
 * A pact v4 document between the consumer and the provider: HTTP
 * interactions or asynchronous messages, stamped with the spec version.
 */
export function toPact(options: {
  stubs: (HttpStub | MessageStub)[];
  consumerName: string;
  providerName: string;
  specVersion: string | undefined;
}) {
  return {
    consumer: { name: options.consumerName },
    provider: { name: options.providerName },
    interactions: options.stubs.map(stub =>
      'status' in stub ? httpInteraction(stub) : messageInteraction(stub),
    ),
    metadata: {
      pactSpecification: { version: '4.0' },
      'integration-health': { specVersion: options.specVersion },
    },
  };
}
