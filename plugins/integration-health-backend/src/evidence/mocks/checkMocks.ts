import { Comparator } from '@pactflow/openapi-pact-comparator';
import { MockCheck } from '@integration-health/plugin-integration-health-common';
import { MockDocument } from '@integration-health/plugin-integration-health-node';
import { checkHttpMocks, InteractionVerdict } from './checkHttpMocks';
import { MessageMockChecker } from './checkMessageMocks';
import { OperationMatcher } from './matchOperation';
import { HttpPatternChecker } from './httpPatterns';
import { comparatorDocument, withAnyPathValues } from './comparatorDocuments';
import { MockInteraction } from './mockInteractions';
import { readMockDocument } from './readMockDocument';

/** The provider's current spec, parsed. */
export type CurrentSpec = {
  format: string;
  document?: unknown;
  version?: string;
};

/** A spec the mocks cannot be checked against; the score says so instead of blaming the mocks. */
export class SpecNotCheckableError extends Error {
  name = 'SpecNotCheckableError';
}

/**
 * Validates one spec's mocks; built once per spec and sync, so schemas are
 * compiled once for all consumers of an API.
 */
export class MockChecker {
  private comparator?: Comparator;
  private anyPathComparator?: Comparator;
  private document?: unknown;
  private matcher?: OperationMatcher;
  private patterns?: HttpPatternChecker;
  private messageChecker?: MessageMockChecker;
  private readonly version?: string;

  constructor(spec: CurrentSpec) {
    this.version = spec.version;
    try {
      if (spec.format.startsWith('openapi')) {
        this.document = comparatorDocument(spec.document);
        this.comparator = new Comparator({ oas: this.document as any });
        this.matcher = new OperationMatcher(spec.document);
        this.patterns = new HttpPatternChecker(spec.document);
      } else if (spec.format.startsWith('asyncapi')) {
        this.messageChecker = new MessageMockChecker(spec.document);
      } else {
        throw new Error(`mocks of ${spec.format} specs are not checked`);
      }
    } catch (error) {
      throw new SpecNotCheckableError(
        `the provider's spec ${spec.version ?? ''} cannot be checked against: ${
          (error as Error).message
        }`.replace('  ', ' '),
      );
    }
  }

  /**
   * The comparator compiles the spec's schemas as it meets them: a schema
   * it cannot compile (`nullable` without `type`, say) makes the spec one
   * the mocks cannot be checked against, not mocks that are wrong.
   */
  private async httpVerdicts(
    ...args: Parameters<typeof checkHttpMocks>
  ): Promise<InteractionVerdict[]> {
    try {
      return await checkHttpMocks(...args);
    } catch (error) {
      throw new SpecNotCheckableError(
        `the provider's spec ${this.version ?? ''} cannot be checked against: ${
          (error as Error).message
        }`.replace('  ', ' '),
      );
    }
  }

  private async verdicts(
    interactions: MockInteraction[],
  ): Promise<InteractionVerdict[]> {
    const http = interactions.flatMap(i => (i.kind === 'http' ? [i] : []));
    const messages = interactions.flatMap(i =>
      i.kind === 'message' ? [i] : [],
    );
    const wrongKind = (i: MockInteraction): InteractionVerdict => ({
      operation:
        i.kind === 'http'
          ? `${i.request.method} ${i.request.path}`
          : `message ${i.description}`,
      problems: [
        i.kind === 'http'
          ? 'an HTTP mock of an event API'
          : 'a message mock of an HTTP API',
      ],
    });
    const httpVerdicts = this.comparator
      ? await this.httpVerdicts(
          this.comparator,
          this.matcher!,
          this.patterns!,
          http,
          () =>
            (this.anyPathComparator ??= new Comparator({
              oas: withAnyPathValues(this.document) as any,
            })),
        )
      : http.map(wrongKind);
    const messageVerdicts = this.messageChecker
      ? this.messageChecker.check(messages)
      : messages.map(wrongKind);
    const byInteraction = new Map<MockInteraction, InteractionVerdict>();
    http.forEach((i, index) => byInteraction.set(i, httpVerdicts[index]));
    messages.forEach((i, index) =>
      byInteraction.set(i, messageVerdicts[index]),
    );
    return interactions.map(i => byInteraction.get(i)!);
  }

  /** Whether this spec has the operation or channel a mock names. */
  describes(interaction: MockInteraction): boolean {
    if (interaction.kind === 'http') {
      return Boolean(this.matcher?.routeOf(interaction.request.path));
    }
    return this.messageChecker?.describes(interaction) ?? false;
  }

  /**
   * Each mock of the documents as it validates now. Mocks that cannot name
   * one exact operation (regex URLs, any method) are counted as unchecked.
   * A document may mock several APIs of one provider (a pact with HTTP
   * interactions and messages): a mock this spec does not describe but one
   * of `others` (the provider's other APIs the consumer uses) does belongs
   * to that API and is left out here.
   */
  async check(
    documents: { source: string; document: MockDocument }[],
    checkedAt: string,
    others: MockChecker[] = [],
  ): Promise<{ checks: MockCheck[]; unchecked: number }> {
    const checks: MockCheck[] = [];
    let unchecked = 0;
    const elsewhere = (i: MockInteraction) =>
      !this.describes(i) && others.some(other => other.describes(i));
    for (const { source, document } of documents) {
      const read = readMockDocument(document);
      const interactions = read.interactions.filter(i => !elsewhere(i));
      const { unreadable } = read;
      const verdicts = await this.verdicts(interactions);
      interactions.forEach((interaction, index) => {
        checks.push({
          source,
          name: interaction.name,
          operation: verdicts[index].operation,
          valid: verdicts[index].problems.length === 0,
          problems: verdicts[index].problems,
          madeFromVersion: interaction.madeFromVersion,
          checkedAt,
          url: interaction.url,
        });
      });
      for (const mock of unreadable) {
        if (mock.uncheckable) {
          unchecked++;
          continue;
        }
        checks.push({
          source,
          name: mock.name,
          operation: 'unreadable',
          valid: false,
          problems: [mock.problem],
          madeFromVersion: mock.madeFromVersion,
          checkedAt,
          url: mock.url,
        });
      }
    }
    return { checks, unchecked };
  }
}
