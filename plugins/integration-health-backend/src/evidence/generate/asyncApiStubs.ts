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
 * Without examples, a message as the provider may send it: every property
 * of its payload, and, when it differs, only those the schema requires (a
 * consumer must cope with the optional ones missing).
 */
function sampledVariants(
  sampler: SchemaSampler,
  payload: unknown,
  name: string,
): { message: string; contents: unknown }[] {
  const full = sampler.sample(payload, 'response');
  const required = sampler.sample(payload, 'response', { requiredOnly: true });
  return JSON.stringify(required) === JSON.stringify(full)
    ? [{ message: name, contents: full }]
    : [
        { message: name, contents: full },
        { message: `${name} (required fields only)`, contents: required },
      ];
}

/**
 * Stubs of each message of the channels the consumer uses: one per named
 * example with a payload, else samples of its payload schema (see
 * sampledVariants). `wanted` says which operations, by their checker name.
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
    const fallbackName =
      found.name ??
      decodeURIComponent(messagePointer.split('/').pop() ?? 'message')
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
    const topic = topicOf(document, sampler, found);
    const variants = examples.length
      ? // Every named example is a message the consumer may receive.
        examples.map((example, index) => ({
          message:
            typeof example.name === 'string'
              ? example.name
              : `${fallbackName} example ${index + 1}`,
          contents: example.payload,
        }))
      : sampledVariants(
          sampler,
          node(document, found.payloadPointer),
          fallbackName,
        );
    for (const variant of variants) {
      stubs.push({ operation, topic, ...variant });
    }
  }
  return stubs;
}
