import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BreakingChangeCheckResult,
  CalendarEntry,
} from '@integration-health/plugin-integration-health-common';
import { SpecInputError } from '@integration-health/spec-diff';
import { SpecWorkerPool } from '../specs/worker/SpecWorkerPool';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SpecStore } from '../specs/SpecStore';
import { operationsTouched, reaches } from './affectedConsumers';
import { CalendarService } from './CalendarService';

/**
 * The CI check: which changes in a candidate spec are breaking, which
 * consumers each hits, and whether those consumers acknowledged a calendar
 * entry with the same change (matched by the finding's fingerprint).
 */
export class BreakingChangeCheck {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      specStore: SpecStore;
      calendarService: CalendarService;
      maxDocumentBytes: number;
      /** Where the specs are parsed and compared, off the event loop. */
      specs: SpecWorkerPool;
    },
  ) {}

  private async versionOf(document: string): Promise<string | undefined> {
    const { specs, maxDocumentBytes } = this.options;
    try {
      return (await specs.inspect(document, { maxDocumentBytes })).version;
    } catch {
      return undefined; // the comparison has said what is wrong with it
    }
  }

  private async currentDefinition(apiRef: string): Promise<string> {
    const { specStore } = this.options;
    const state = (await specStore.getStates([apiRef])).get(apiRef);
    const text = state?.currentVersionId
      ? await specStore.getDefinition(state.currentVersionId)
      : undefined;
    if (text === undefined) {
      throw new NotFoundError(
        `No recorded definition of ${apiRef} to compare with; send the base spec too`,
      );
    }
    return text;
  }

  async check(
    request: {
      apiRef: string;
      candidate: string;
      base?: string;
      announce?: { effectiveAt: string; title?: string };
    },
    credentials: BackstageCredentials,
  ): Promise<BreakingChangeCheckResult> {
    const { calendarService, catalog } = this.options;
    const { apiRef } = request;
    // Asked with the caller's credentials: an API they cannot read is
    // answered exactly as one that does not exist.
    const api = await catalog.getEntityByRef(apiRef, { credentials });
    if (!api || !(await calendarService.apiResource(apiRef))) {
      throw new NotFoundError(`No API ${apiRef} in the catalog`);
    }
    const base = request.base ?? (await this.currentDefinition(apiRef));
    let diff;
    try {
      diff = await this.options.specs.diff({
        base,
        revision: request.candidate,
        options: { maxDocumentBytes: this.options.maxDocumentBytes },
      });
    } catch (error) {
      if (error instanceof SpecInputError) {
        throw new InputError(`The spec cannot be compared: ${error.message}`);
      }
      throw error;
    }
    const entries = await calendarService.list({ apiRef }, credentials);
    const consumers = await calendarService.consumersOf(apiRef, credentials);
    const matching = (fingerprint: string): CalendarEntry[] =>
      entries.filter(e => e.changes.some(c => c.fingerprint === fingerprint));

    const breaking = diff.findings
      .filter(f => f.level === 'breaking')
      .map(f => {
        const on = matching(f.fingerprint);
        return {
          ruleId: f.id,
          level: f.level,
          location: f.location,
          message: f.message,
          fingerprint: f.fingerprint,
          // Consumers whose evidence shows they do not use the changed operation are not hit.
          consumers: consumers
            .filter(c =>
              reaches(
                operationsTouched({ operations: [], changes: [f] }),
                c.operationsUsed,
              ),
            )
            .map(({ integration: c }) => {
              const stateOn = (e: CalendarEntry) =>
                e.consumers.find(x => x.consumerRef === c.consumerRef);
              // Only an acknowledgement of the entry as it stands counts: one
              // given before it moved earlier or changed scope does not.
              const acknowledgedOn = on.find(
                e => stateOn(e)?.state === 'acknowledged',
              );
              const reopenedOn = acknowledgedOn
                ? undefined
                : on.find(e => stateOn(e)?.needsReacknowledgement);
              return {
                consumerRef: c.consumerRef,
                consumerOwnerRef: c.consumerOwnerRef,
                acknowledged: acknowledgedOn !== undefined,
                ...(reopenedOn ? { needsReacknowledgement: true } : {}),
                entryId: (acknowledgedOn ?? reopenedOn ?? on[0])?.id,
              };
            }),
        };
      });
    const unacknowledged = breaking.reduce(
      (n, f) => n + f.consumers.filter(c => !c.acknowledged).length,
      0,
    );

    let announcedEntryId: string | undefined;
    const unannounced = breaking.filter(
      f => matching(f.fingerprint).length === 0,
    );
    if (request.announce && unannounced.length > 0) {
      const entry = await calendarService.announce(
        {
          apiRef,
          title:
            request.announce.title ??
            `${unannounced.length} breaking change${
              unannounced.length > 1 ? 's' : ''
            } planned`,
          effectiveAt: request.announce.effectiveAt,
          operations: [...new Set(unannounced.map(f => f.location))],
          changes: unannounced.map(({ consumers: _, ...change }) => change),
        },
        credentials,
      );
      announcedEntryId = entry.id;
    }
    return {
      apiRef,
      baseVersion: await this.versionOf(base),
      candidateVersion: await this.versionOf(request.candidate),
      summary: diff.summary,
      breaking,
      unacknowledged,
      passed: unacknowledged === 0,
      announcedEntryId,
    };
  }
}
