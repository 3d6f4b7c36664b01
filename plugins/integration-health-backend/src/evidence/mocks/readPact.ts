import { isRecord } from '@integration-health/plugin-integration-health-common';
import { MockInteraction, UnreadableMock } from './mockInteractions';
import { ReadMocks, stringValues } from './readMockDocument';

type Base = { name: string; url?: string; madeFromVersion?: string };

/**
 * A pact v4 body (`{ content, contentType, encoded }`) or an earlier plain
 * body. `encoded: "json"` carries JSON as text; other encodings (base64)
 * carry nothing to check.
 */
function bodyOf(value: unknown, v4: boolean): unknown {
  if (!v4 || !isRecord(value)) return value;
  const { content, encoded } = value;
  if (encoded === 'json' && typeof content === 'string') {
    try {
      return JSON.parse(content);
    } catch {
      return content;
    }
  }
  if (encoded && encoded !== false && typeof content === 'string') {
    return undefined;
  }
  return content;
}

/** An HTTP status as pacts write it: an integer from 100 to 599. */
function statusOf(value: unknown): number | undefined {
  const status = typeof value === 'string' ? Number(value) : value;
  return typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 100 &&
    status <= 599
    ? status
    : undefined;
}

function queryOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  const values = isRecord(value) ? value : undefined;
  if (!values) return undefined;
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(values)) {
    for (const item of Array.isArray(v) ? v : [v])
      params.append(key, String(item));
  }
  return params.toString() || undefined;
}

const CHANNEL_KEYS = ['channel', 'topic', 'destination', 'queue', 'subject'];

function channelOf(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) return undefined;
  for (const key of CHANNEL_KEYS) {
    if (typeof metadata[key] === 'string') return metadata[key] as string;
  }
  return undefined;
}

/**
 * The HTTP interactions and messages of a pact (specification 1 to 4).
 * The version the pact was made from may be recorded in its metadata as
 * `integration-health.specVersion`.
 */
export function readPact(content: unknown, base: Base): ReadMocks {
  if (!isRecord(content)) {
    throw new Error('a pact is a JSON object');
  }
  if (
    !Array.isArray(content.interactions) &&
    !Array.isArray(content.messages)
  ) {
    throw new Error('it has neither `interactions` nor `messages`');
  }
  const metadata = isRecord(content.metadata) ? content.metadata : {};
  const ours = metadata['integration-health'];
  const madeFromVersion =
    base.madeFromVersion ??
    (isRecord(ours) && typeof ours.specVersion === 'string'
      ? ours.specVersion
      : undefined);
  const interactions: MockInteraction[] = [];
  const unreadable: UnreadableMock[] = [];
  const entries = [
    ...((content.interactions as unknown[]) ?? []),
    ...((content.messages as unknown[]) ?? []).map(m =>
      isRecord(m)
        ? { ...m, type: 'Asynchronous/Messages', v3Message: true }
        : m,
    ),
  ];
  entries.forEach((entry, index) => {
    const description =
      isRecord(entry) && typeof entry.description === 'string'
        ? entry.description
        : `interaction ${index + 1}`;
    const common = {
      ...base,
      madeFromVersion,
      name: `${base.name}#${description}`,
    };
    if (!isRecord(entry)) {
      unreadable.push({
        ...common,
        problem: 'the interaction is not an object',
      });
      return;
    }
    const type =
      typeof entry.type === 'string' ? entry.type : 'Synchronous/HTTP';
    const v4 = typeof entry.type === 'string' && !entry.v3Message;
    if (type === 'Asynchronous/Messages') {
      const contents = entry.v3Message
        ? entry.contents
        : bodyOf(entry.contents, true);
      interactions.push({
        ...common,
        kind: 'message',
        description,
        channel: channelOf(entry.metaData ?? entry.metadata),
        contents,
      });
      return;
    }
    if (type === 'Synchronous/Messages') {
      // Request/reply over a broker: counted, not judged.
      unreadable.push({
        ...common,
        problem: 'request/reply messages are not checked',
        uncheckable: true,
      });
      return;
    }
    if (type !== 'Synchronous/HTTP') {
      unreadable.push({
        ...common,
        problem: `${type} interactions are not checked`,
      });
      return;
    }
    const request = entry.request;
    const response = entry.response;
    if (
      !isRecord(request) ||
      typeof request.method !== 'string' ||
      typeof request.path !== 'string' ||
      !isRecord(response)
    ) {
      unreadable.push({
        ...common,
        problem:
          'the interaction needs a request with method and path, and a response',
      });
      return;
    }
    const status = statusOf(response.status);
    if (status === undefined) {
      unreadable.push({
        ...common,
        problem: `the response status ${JSON.stringify(
          response.status ?? null,
        ).slice(0, 40)} is not an HTTP status`,
      });
      return;
    }
    interactions.push({
      ...common,
      kind: 'http',
      request: {
        method: request.method.toUpperCase(),
        path: request.path,
        query: queryOf(request.query),
        headers: stringValues(request.headers),
        body: bodyOf(request.body, v4),
      },
      response: {
        status,
        headers: stringValues(response.headers),
        body: bodyOf(response.body, v4),
      },
    });
  });
  return { interactions, unreadable };
}
