import { isRecord } from '@integration-health/plugin-integration-health-common';

/** A message a channel carries: where its payload schema sits in the document. */
export type ChannelMessage = {
  channel: string;
  /** AsyncAPI 3: the channel's address (the topic or queue), when it differs. */
  address?: string;
  /** `subscribe` / `publish` (AsyncAPI 2) or `channel` (AsyncAPI 3). */
  action: string;
  /** JSON pointer of the payload schema inside the document. */
  payloadPointer: string;
  name?: string;
};

const escape = (token: string) =>
  token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows local `$ref`s (`#/...`) to the node they name, with its pointer. */
export function resolveLocal(
  document: unknown,
  node: unknown,
  pointer: string,
): { node: unknown; pointer: string } {
  let current = { node, pointer };
  for (let hops = 0; hops < 32; hops++) {
    const ref = isRecord(current.node) ? current.node.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    let target: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const token = decodeURIComponent(raw)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
      target =
        isRecord(target) || Array.isArray(target)
          ? (target as any)[token]
          : undefined;
    }
    current = { node: target, pointer: ref.slice(1) };
  }
  return current;
}

function payloadOf(
  document: unknown,
  message: unknown,
  pointer: string,
): { pointer: string; name?: string } | undefined {
  const resolved = resolveLocal(document, message, pointer);
  if (!isRecord(resolved.node) || resolved.node.payload === undefined)
    return undefined;
  const payload = resolved.node.payload;
  // AsyncAPI 3 may wrap the schema with its format.
  const inner =
    isRecord(payload) && payload.schemaFormat && payload.schema
      ? '/schema'
      : '';
  return {
    pointer: `${resolved.pointer}/payload${inner}`,
    name:
      typeof resolved.node.name === 'string' ? resolved.node.name : undefined,
  };
}

/** Every (channel, message) pair of an AsyncAPI 2 or 3 document. */
export function channelMessages(document: unknown): ChannelMessage[] {
  if (!isRecord(document) || !isRecord(document.channels)) return [];
  const found: ChannelMessage[] = [];
  const v3 = String(document.asyncapi ?? '').startsWith('3.');
  for (const [channel, rawItem] of Object.entries(document.channels)) {
    const channelPointer = `/channels/${escape(channel)}`;
    const item = resolveLocal(document, rawItem, channelPointer);
    if (!isRecord(item.node)) continue;
    const candidates: { action: string; message: unknown; pointer: string }[] =
      [];
    if (v3) {
      const messages = isRecord(item.node.messages) ? item.node.messages : {};
      for (const [id, message] of Object.entries(messages)) {
        candidates.push({
          action: 'channel',
          message,
          pointer: `${item.pointer}/messages/${escape(id)}`,
        });
      }
    } else {
      for (const action of ['subscribe', 'publish']) {
        const operation = item.node[action];
        if (!isRecord(operation) || operation.message === undefined) continue;
        const pointer = `${item.pointer}/${action}/message`;
        const message = resolveLocal(document, operation.message, pointer);
        if (isRecord(message.node) && Array.isArray(message.node.oneOf)) {
          message.node.oneOf.forEach((one, index) =>
            candidates.push({
              action,
              message: one,
              pointer: `${message.pointer}/oneOf/${index}`,
            }),
          );
        } else {
          candidates.push({ action, message: operation.message, pointer });
        }
      }
    }
    for (const candidate of candidates) {
      const payload = payloadOf(document, candidate.message, candidate.pointer);
      if (payload) {
        const address =
          v3 && typeof item.node.address === 'string'
            ? item.node.address.replace(/^\//, '')
            : undefined;
        found.push({
          channel: channel.replace(/^\//, ''),
          ...(address !== undefined ? { address } : {}),
          action: candidate.action,
          payloadPointer: payload.pointer,
          name: payload.name,
        });
      }
    }
  }
  return found;
}
