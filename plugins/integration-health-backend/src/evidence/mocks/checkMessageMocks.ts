import { isRecord } from '@integration-health/plugin-integration-health-common';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  channelMessages,
  ChannelMessage,
  resolveLocal,
} from './asyncApiMessages';
import { InteractionVerdict } from './checkHttpMocks';
import { MockInteraction } from './mockInteractions';
import { phraseBodyProblems, sortSchemaMessages } from './phraseProblems';
import { linearRegExp } from './linearRegExp';
import { matchesPathTemplate, parsePathTemplate } from './pathTemplate';

type MessageInteraction = Extract<MockInteraction, { kind: 'message' }>;

const SPEC_ID = 'provider-spec';

/**
 * Fields a mock message has that the payload schema does not define (where
 * the schema lists its properties): a consumer reading such a field reads
 * something the provider never sends.
 */
function undefinedFields(
  document: unknown,
  schema: unknown,
  value: unknown,
  at: string,
  depth = 0,
): string[] {
  if (depth > 16 || !isRecord(value)) return [];
  const resolved = resolveLocal(document, schema, '').node;
  if (!isRecord(resolved)) return [];
  const parts = [
    resolved,
    ...(Array.isArray(resolved.allOf) ? resolved.allOf : []),
  ]
    .map(part => resolveLocal(document, part, '').node)
    .filter(isRecord);
  if (parts.some(p => Array.isArray(p.oneOf) || Array.isArray(p.anyOf)))
    return [];
  const properties: Record<string, unknown> = {};
  let listsProperties = false;
  for (const part of parts) {
    if (
      part.additionalProperties !== undefined &&
      part.additionalProperties !== false
    )
      return [];
    if (isRecord(part.properties)) {
      listsProperties = true;
      Object.assign(properties, part.properties);
    }
  }
  if (!listsProperties) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (!(key in properties)) found.push(path);
    else
      found.push(
        ...undefinedFields(document, properties[key], child, path, depth + 1),
      );
  }
  return found;
}

function schemaMessages(errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map(error => ({
    message: error.message ?? 'is invalid',
    at: error.instancePath.slice(1).replace(/\//g, '.') || undefined,
  }));
}

/** Checks message mocks against an AsyncAPI 2 or 3 document's payload schemas. */
export class MessageMockChecker {
  private readonly ajv: Ajv;
  private readonly messages: ChannelMessage[];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Schema patterns RE2 cannot run, which are not checked. */
  readonly uncheckedPatterns = new Set<string>();

  constructor(private readonly document: unknown) {
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      code: {
        regExp: linearRegExp(pattern => this.uncheckedPatterns.add(pattern)),
      },
    });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, SPEC_ID);
    this.messages = channelMessages(document);
  }

  private validator(message: ChannelMessage): ValidateFunction {
    let validate = this.compiled.get(message.payloadPointer);
    if (!validate) {
      validate = this.ajv.compile({
        $ref: `${SPEC_ID}#${message.payloadPointer}`,
      });
      this.compiled.set(message.payloadPointer, validate);
    }
    return validate;
  }

  private verdictFor(
    message: ChannelMessage,
    contents: unknown,
  ): InteractionVerdict {
    const validate = this.validator(message);
    validate(contents);
    const payload = resolveLocal(
      this.document,
      { $ref: `#${message.payloadPointer}` },
      '',
    ).node;
    const sorted = sortSchemaMessages(schemaMessages(validate.errors));
    sorted.extra.push(...undefinedFields(this.document, payload, contents, ''));
    sorted.extra = [...new Set(sorted.extra)];
    return {
      operation: `${message.action} ${message.channel}`,
      problems: phraseBodyProblems('message', sorted),
    };
  }

  /**
   * Whether a mock's channel is this message's: its channel id or (AsyncAPI
   * 3) address, either of which may have `{parameters}` (`user.{id}.events`).
   */
  private names(message: ChannelMessage, channel: string): boolean {
    return [message.channel, message.address].some(
      name =>
        name !== undefined &&
        (name === channel ||
          (name.includes('{') &&
            matchesPathTemplate(parsePathTemplate(`/${name}`), `/${channel}`))),
    );
  }

  /** Whether the spec has a message on the mock's channel. */
  describes(interaction: MessageInteraction): boolean {
    const channel = interaction.channel?.replace(/^\//, '');
    return channel
      ? this.messages.some(m => this.names(m, channel))
      : this.messages.length > 0;
  }

  check(interactions: MessageInteraction[]): InteractionVerdict[] {
    return interactions.map(interaction => {
      const channel = interaction.channel?.replace(/^\//, '');
      const candidates = channel
        ? this.messages.filter(m => this.names(m, channel))
        : this.messages;
      if (candidates.length === 0) {
        return {
          operation: `message ${
            interaction.channel ?? interaction.description
          }`,
          problems: [
            interaction.channel
              ? `channel \`${interaction.channel}\` is not in the current spec`
              : 'the current spec defines no messages',
          ],
        };
      }
      // Without a named channel, the message is taken for the one it fits best.
      const verdicts = candidates.map(c =>
        this.verdictFor(c, interaction.contents),
      );
      return verdicts.reduce((best, v) =>
        v.problems.length < best.problems.length ? v : best,
      );
    });
  }
}
