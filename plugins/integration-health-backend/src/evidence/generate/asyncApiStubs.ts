import { isRecord } from '@integration-health/plugin-integration-health-common';
import {
  channelMessages,
  ChannelMessage,
  resolveLocal,
} from '../mocks/asyncApiMessages';
import { SchemaSampler } from './samples';
import { MessageStub } from './stubs';

const node = (document: unknown, pointer: string) =>
  resolveLocal(document, { $ref: `#${pointer}` }, '').node;

/** The channel object a message was found on. */
function channelOf(
  document: Record<string, unknown>,
  message: ChannelMessage,
): Record<string, unknown> {
  const channels = isRecord(document.channels) ? document.channels : {};
  const raw = channels[message.channel] ?? channels[`/${message.channel}`];
  const channel = resolveLocal(document, raw, '').node;
  return isRecord(channel) ? channel : {};
}

/**
 * The topic a message is published on: the channel's address (AsyncAPI 3)
 * or name, its `{parameters}` filled in with their examples, defaults or
 * samples where the spec gives them.
 */
function topicOf(
  document: Record<string, unknown>,
  sampler: SchemaSampler,
  message: ChannelMessage,
): string {
  const parameters = channelOf(document, message).parameters;
  const address = message.address ?? message.channel;
  if (!isRecord(parameters)) return address;
  return address.replace(/\{([^{}]+)\}/g, (placeholder, name) => {
    const parameter = resolveLocal(document, parameters[name], '').node;
    if (!isRecord(parameter)) return placeholder;
    const value =
      (Array.isArray(parameter.examples) ? parameter.examples[0] : undefined) ??
      parameter.default ??
      (Array.isArray(parameter.enum) ? parameter.enum[0] : undefined) ??
      sampler.sample(parameter.schema, 'response');
    return value === undefined || value === null ? placeholder : String(value);
  });
}

/**
 * One stub per message of each channel the consumer uses: the message's
 * first example with a payload, else a sample of its payload schema.
 * `wanted` says which operations, by their checker name.
 */
export function asyncApiStubs(
  document: Record<string, unknown>,
  wanted: (operation: string) => boolean,
): MessageStub[] {
  const sampler = new SchemaSampler(document);
  const stubs: MessageStub[] = [];
  for (const found of channelMessages(document)) {
    const operation = `${found.action} ${found.channel}`;
    if (!wanted(operation)) continue;
    const messagePointer = found.payloadPointer.replace(
      /\/payload(\/schema)?$/,
      '',
    );
    const message = node(document, messagePointer);
    const examples =
      isRecord(message) && Array.isArray(message.examples)
        ? message.examples.filter(
            (e): e is Record<string, unknown> =>
              isRecord(e) && e.payload !== undefined,
          )
        : [];
    const [example] = examples;
    const contents = example
      ? example.payload
      : sampler.sample(node(document, found.payloadPointer), 'response');
    const messageName =
      (typeof example?.name === 'string' ? example.name : undefined) ??
      found.name ??
      decodeURIComponent(messagePointer.split('/').pop() ?? 'message')
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
    stubs.push({
      operation,
      message: messageName,
      topic: topicOf(document, sampler, found),
      contents,
    });
  }
  return stubs;
}
