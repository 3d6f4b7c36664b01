import { escapePointer } from '../load/SpecDocument';
import {
  OpenApiContext as DiffContext,
  reportSchemaChanges,
} from '../openapi/OpenApiContext';
import { Direction } from '../schema/SchemaComparator';

type Message = { name: string; node: any; pointer: string };
type Operation = {
  key: string;
  location: string;
  /** Consumers read what the application sends, and send what it receives. */
  direction: Direction;
  pointer: string;
  messages: Map<string, Message>;
};

function messagesOf(
  doc: DiffContext['base'],
  raw: any,
  pointer: string,
): Map<string, Message> {
  const result = new Map<string, Message>();
  const add = (node: any, at: string, fallback: string) => {
    const resolved = doc.deref(node, at);
    if (!resolved.node || typeof resolved.node !== 'object') return;
    const refName =
      typeof node?.$ref === 'string' ? node.$ref.split('/').pop() : undefined;
    const name =
      resolved.node.name ?? resolved.node.messageId ?? refName ?? fallback;
    result.set(String(name), {
      name: String(name),
      node: resolved.node,
      pointer: resolved.pointer,
    });
  };
  const resolved = doc.deref(raw, pointer);
  const message = resolved.node;
  if (Array.isArray(message?.oneOf)) {
    message.oneOf.forEach((m: any, i: number) =>
      add(m, `${resolved.pointer}/oneOf/${i}`, `#${i}`),
    );
  } else if (Array.isArray(message)) {
    message.forEach((m: any, i: number) => add(m, `${pointer}/${i}`, `#${i}`));
  } else if (message) {
    add(raw, pointer, 'message');
  }
  return result;
}

/** AsyncAPI 2: operations live under channels as publish / subscribe. */
function operationsV2(doc: DiffContext['base']): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const channels = (doc.root as any)?.channels ?? {};
  for (const [channel, rawItem] of Object.entries<any>(channels)) {
    const channelPointer = `/channels/${escapePointer(channel)}`;
    const item = doc.deref(rawItem, channelPointer).node ?? {};
    for (const action of ['publish', 'subscribe'] as const) {
      const op = item[action];
      if (!op) continue;
      const pointer = `${channelPointer}/${action}`;
      operations.set(`${channel}|${action}`, {
        key: `${channel}|${action}`,
        location: `channel ${channel} (${action})`,
        // subscribe: consumers subscribe to what the application publishes
        direction: action === 'subscribe' ? 'response' : 'request',
        pointer,
        messages: messagesOf(doc, op.message, `${pointer}/message`),
      });
    }
  }
  return operations;
}

/** AsyncAPI 3: operations reference channels, with send / receive actions. */
function operationsV3(doc: DiffContext['base']): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  const root = doc.root as any;
  for (const [name, raw] of Object.entries<any>(root?.operations ?? {})) {
    const pointer = `/operations/${escapePointer(name)}`;
    const op = doc.deref(raw, pointer).node ?? {};
    const channel = doc.deref(op.channel, `${pointer}/channel`);
    const channelName =
      typeof op.channel?.$ref === 'string'
        ? op.channel.$ref.split('/').pop()
        : name;
    const messages = new Map<string, Message>();
    const list =
      Array.isArray(op.messages) && op.messages.length
        ? op.messages
        : Object.values(channel.node?.messages ?? {});
    list.forEach((m: any, i: number) => {
      for (const [key, message] of messagesOf(
        doc,
        m,
        `${pointer}/messages/${i}`,
      ))
        messages.set(key, message);
    });
    operations.set(name, {
      key: name,
      location: `operation ${name} (${op.action} on ${
        channel.node?.address ?? channelName
      })`,
      direction: op.action === 'send' ? 'response' : 'request',
      pointer,
      messages,
    });
  }
  return operations;
}

const SERVER_FIELDS = [
  'host',
  'url',
  'pathname',
  'protocol',
  'protocolVersion',
];
const INFO_FIELDS = ['title', 'description', 'termsOfService'];

/** Servers, info and channel addresses: where and how clients connect. */
function diffDocumentLevel(context: DiffContext): void {
  const { findings } = context;
  const base = context.base.root as any;
  const revision = context.revision.root as any;
  const serversBefore = base?.servers ?? {};
  const serversAfter = revision?.servers ?? {};
  for (const name of Object.keys(serversBefore)) {
    if (!(name in serversAfter)) {
      findings.add({
        id: 'server-removed',
        location: `server ${name}`,
        pointer: `/servers/${escapePointer(name)}`,
        message: `server ${name} removed: clients connecting to it reach nothing`,
      });
    }
  }
  for (const [name, server] of Object.entries<any>(serversAfter)) {
    const old = serversBefore[name];
    const pointer = `/servers/${escapePointer(name)}`;
    if (!old) {
      findings.add({
        id: 'server-added',
        location: `server ${name}`,
        pointer,
        message: `server ${name} added`,
      });
      continue;
    }
    for (const field of SERVER_FIELDS) {
      if (old[field] !== server[field]) {
        findings.add({
          id: 'server-changed',
          location: `server ${name}`,
          pointer: `${pointer}/${field}`,
          message: `${field} changed from ${old[field] ?? 'none'} to ${
            server[field] ?? 'none'
          }: clients configured the old way cannot connect`,
          subject: field,
        });
      }
    }
  }
  if (base?.info?.version !== revision?.info?.version) {
    findings.add({
      id: 'info-version-changed',
      location: 'info',
      pointer: '/info/version',
      message: `version changed from ${base?.info?.version} to ${revision?.info?.version}: a label; the changes it announces are judged on their own`,
    });
  }
  for (const field of INFO_FIELDS) {
    if (base?.info?.[field] !== revision?.info?.[field]) {
      findings.add({
        id: 'info-changed',
        location: 'info',
        pointer: `/info/${field}`,
        message: `info ${field} changed`,
        subject: field,
      });
    }
  }
  for (const part of ['contact', 'license']) {
    for (const field of new Set([
      ...Object.keys(base?.info?.[part] ?? {}),
      ...Object.keys(revision?.info?.[part] ?? {}),
    ])) {
      if (base?.info?.[part]?.[field] !== revision?.info?.[part]?.[field]) {
        findings.add({
          id: 'info-changed',
          location: 'info',
          pointer: `/info/${part}/${field}`,
          message: `info ${part} ${field} changed`,
          subject: `${part}.${field}`,
        });
      }
    }
  }
  for (const [name, channel] of Object.entries<any>(revision?.channels ?? {})) {
    const old = base?.channels?.[name];
    if (
      old &&
      typeof old.address === 'string' &&
      old.address !== channel?.address
    ) {
      findings.add({
        id: 'channel-address-changed',
        location: `channel ${name}`,
        pointer: `/channels/${escapePointer(name)}/address`,
        message: `address changed from ${old.address} to ${channel?.address}: clients publishing or subscribing to the old address reach nothing`,
      });
    }
  }
  for (const [name, op] of Object.entries<any>(revision?.operations ?? {})) {
    const old = base?.operations?.[name];
    if (old && old.description !== op?.description) {
      findings.add({
        id: 'operation-description-changed',
        location: `operation ${name}`,
        pointer: `/operations/${escapePointer(name)}/description`,
        message: 'description changed',
      });
    }
  }
}

/** Channels, operations and messages added or removed, and payload and header schemas compared. */
export function diffAsyncApi(context: DiffContext): void {
  const v3 = String((context.revision.root as any)?.asyncapi ?? '').startsWith(
    '3.',
  );
  const read = v3 ? operationsV3 : operationsV2;
  const before = read(context.base);
  const after = read(context.revision);
  const { findings } = context;
  diffDocumentLevel(context);

  const channels = (doc: DiffContext['base']) =>
    Object.keys((doc.root as any)?.channels ?? {});
  const channelsAfter = new Set(channels(context.revision));
  const channelsBefore = new Set(channels(context.base));
  for (const channel of channelsBefore) {
    if (!channelsAfter.has(channel)) {
      findings.add({
        id: 'channel-removed',
        location: `channel ${channel}`,
        pointer: `/channels/${escapePointer(channel)}`,
        message: `channel ${channel} removed: its subscribers receive nothing and its publishers reach nothing`,
      });
    }
  }
  for (const channel of channelsAfter) {
    if (!channelsBefore.has(channel)) {
      findings.add({
        id: 'channel-added',
        location: `channel ${channel}`,
        pointer: `/channels/${escapePointer(channel)}`,
        message: `channel ${channel} added`,
      });
    }
  }

  for (const [key, op] of before) {
    if (!after.has(key)) {
      findings.add({
        id: 'operation-removed',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} removed: ${
          op.direction === 'response'
            ? 'consumers subscribed to it receive nothing'
            : 'consumers sending to it reach nothing'
        }`,
      });
    }
  }
  for (const [key, op] of after) {
    const old = before.get(key);
    if (!old) {
      findings.add({
        id: 'operation-added',
        location: op.location,
        pointer: op.pointer,
        message: `${op.location} added`,
      });
      continue;
    }
    for (const [name, message] of old.messages) {
      if (!op.messages.has(name)) {
        findings.add({
          id: 'message-removed',
          location: op.location,
          pointer: message.pointer,
          message: `message ${name} removed: ${
            op.direction === 'response'
              ? 'consumers waiting for it never receive it'
              : 'consumers sending it are refused'
          }`,
          subject: name,
        });
      }
    }
    for (const [name, message] of op.messages) {
      const oldMessage = old.messages.get(name);
      if (!oldMessage) {
        findings.add({
          id:
            op.direction === 'response'
              ? 'message-added-to-subscription'
              : 'message-added',
          location: op.location,
          pointer: message.pointer,
          message: `message ${name} added${
            op.direction === 'response'
              ? ': subscribers may receive a message type they do not know how to read'
              : ''
          }`,
          subject: name,
        });
        continue;
      }
      for (const part of ['payload', 'headers'] as const) {
        const b = oldMessage.node[part];
        const a = message.node[part];
        if (!b && !a) continue;
        reportSchemaChanges(context, {
          base: { node: b ?? {}, pointer: `${oldMessage.pointer}/${part}` },
          revision: { node: a ?? {}, pointer: `${message.pointer}/${part}` },
          direction: op.direction,
          root: 'body',
          location: op.location,
          label: `message ${name} ${
            part === 'payload' ? 'payload' : 'headers'
          }`,
        });
      }
    }
  }
}
