import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BriefSubject,
  CalendarEntry,
  Integration,
  IntegrationBrief,
} from '@integration-health/plugin-integration-health-common';
import { AppLinks } from '../appLinks';
import { CalendarService } from '../calendar/CalendarService';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IncidentService } from '../incidents/IncidentService';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { SubjectMembership } from '../scorecard/SubjectMembership';
import { briefFacts } from './briefFacts';

const DAY_MS = 86_400_000;
/** Most integrations one brief covers; a larger subject is asked to narrow. */
const MAX_INTEGRATIONS = 200;

/** Whole days from one time to a later one; negative, by whole days, when it is earlier. */
const wholeDays = (from: string, to: string) => {
  const ms = Date.parse(to) - Date.parse(from);
  return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.floor(-ms / DAY_MS);
};

/** A short name for a ref in a title: the entity's name. */
const nameOf = (ref: string) => parseEntityRef(ref).name;

/**
 * Facts about a seam over a window, gathered from the records the plugin
 * keeps (catalog integrations, incidents, the calendar, daily scores), as
 * the caller may see them: for post-mortems and escalations.
 */
export class BriefService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      integrationStore: IntegrationStore;
      membership: SubjectMembership;
      incidents: Pick<IncidentService, 'list'>;
      calendar: Pick<CalendarService, 'list'>;
      scoreStore: Pick<ScoreStore, 'listSnapshots'>;
      links: AppLinks;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
  }

  async brief(
    subject: BriefSubject,
    window: { from: Date; to: Date },
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<IntegrationBrief> {
    if (window.from.getTime() > window.to.getTime()) {
      throw new InputError('from must not be after to');
    }
    const integrations = await this.integrationsOf(subject, credentials);
    if (integrations.length > MAX_INTEGRATIONS) {
      throw new InputError(
        `The subject has ${integrations.length} integrations; a brief covers at most ${MAX_INTEGRATIONS}: choose one entity or two teams`,
      );
    }
    const from = window.from.toISOString();
    const to = window.to.toISOString();
    const { links } = this.options;
    const [incidents, breakingChanges, scoreTimeline] = await Promise.all([
      this.incidents(integrations, from, to, credentials),
      this.breakingChanges(integrations, from, to, credentials),
      Promise.all(
        integrations.map(async i => ({
          integrationId: i.id,
          days: (
            await this.options.scoreStore.listSnapshots(i.id, from.slice(0, 10))
          ).filter(d => d.day <= to.slice(0, 10)),
        })),
      ),
    ]);
    const brief: Omit<IntegrationBrief, 'facts'> = {
      subject,
      title: this.titleOf(subject, integrations),
      from,
      to,
      generatedAt: now.toISOString(),
      integrations: integrations.map(i => ({
        id: i.id,
        consumerRef: i.consumerRef,
        providerRef: i.providerRef,
        ...(i.apiRef ? { apiRef: i.apiRef } : {}),
        kind: i.kind,
        ...(i.consumerOwnerRef ? { consumerOwnerRef: i.consumerOwnerRef } : {}),
        ...(i.providerOwnerRef ? { providerOwnerRef: i.providerOwnerRef } : {}),
        ...(i.accountableOwnerRef
          ? { accountableOwnerRef: i.accountableOwnerRef }
          : {}),
        link: links.entityIntegrations(i.consumerRef),
      })),
      incidents,
      breakingChanges,
      scoreTimeline: scoreTimeline.filter(t => t.days.length > 0),
      openFindings: integrations.flatMap(i =>
        i.findings.map(f => ({
          integrationId: i.id,
          id: f.id,
          level: f.level,
          message: f.message,
        })),
      ),
    };
    return { ...brief, facts: briefFacts(brief, links) };
  }

  private titleOf(subject: BriefSubject, integrations: Integration[]): string {
    switch (subject.kind) {
      case 'teams':
        return `${nameOf(subject.teamRefs[0])} ↔ ${nameOf(
          subject.teamRefs[1],
        )}`;
      case 'entity':
        return nameOf(subject.entityRef);
      default: {
        const [i] = integrations;
        return `${nameOf(i.consumerRef)} → ${nameOf(i.providerRef)}${
          i.apiRef ? ` (${nameOf(i.apiRef)})` : ''
        }`;
      }
    }
  }

  /** The subject's current integrations the caller can see. */
  private async integrationsOf(
    subject: BriefSubject,
    credentials: BackstageCredentials,
  ): Promise<Integration[]> {
    const { integrationStore, membership } = this.options;
    let found: Integration[];
    if (subject.kind === 'integration') {
      return [
        await this.visibility.getVisibleIntegration(
          integrationStore,
          subject.integrationId,
          credentials,
        ),
      ];
    } else if (subject.kind === 'entity') {
      await this.visibility.assertVisible(subject.entityRef, credentials);
      const kind = parseEntityRef(subject.entityRef).kind.toLocaleLowerCase(
        'en-US',
      );
      if (['group', 'system', 'domain'].includes(kind)) {
        found = (await membership.integrationsOf(subject.entityRef)).map(
          m => m.integration,
        );
      } else {
        const { upstream, downstream } = await integrationStore.listForEntity(
          subject.entityRef,
        );
        found = [...upstream, ...downstream];
      }
    } else {
      const [a, b] = subject.teamRefs;
      for (const team of subject.teamRefs) {
        await this.visibility.assertVisible(team, credentials);
      }
      const sides = (i: Integration) =>
        new Set([i.consumerOwnerRef, i.providerOwnerRef]);
      found = (await integrationStore.listByOwners([a, b])).filter(i => {
        const owners = sides(i);
        return owners.has(a) && owners.has(b) && a !== b;
      });
    }
    const unique = [...new Map(found.map(i => [i.id, i])).values()];
    return this.visibility.visibleIntegrations(unique, credentials);
  }

  private async incidents(
    integrations: Integration[],
    from: string,
    to: string,
    credentials: BackstageCredentials,
  ): Promise<IntegrationBrief['incidents']> {
    const all = (
      await Promise.all(
        integrations.map(i => this.options.incidents.list(i.id, credentials)),
      )
    ).flat();
    return all
      .filter(i => i.occurredAt >= from && i.occurredAt <= to)
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
      .map(i => ({
        id: i.id,
        integrationId: i.integrationId,
        title: i.title,
        occurredAt: i.occurredAt,
        ...(i.resolvedAt ? { resolvedAt: i.resolvedAt } : {}),
        impact: i.impact,
        ...(i.trigger ? { trigger: i.trigger } : {}),
        ...(i.outOfSync ? { outOfSync: i.outOfSync } : {}),
        ...(i.scoresBefore ? { scoresBefore: i.scoresBefore } : {}),
        postmortemUrls: i.postmortemUrls,
      }));
  }

  /**
   * Calendar entries of the APIs and resources the integrations go
   * through that reach one of their consumers and fall in the window (put
   * on the calendar, or taking effect, inside it).
   */
  private async breakingChanges(
    integrations: Integration[],
    from: string,
    to: string,
    credentials: BackstageCredentials,
  ): Promise<IntegrationBrief['breakingChanges']> {
    const changed = [
      ...new Set(integrations.map(i => i.apiRef ?? i.providerRef)),
    ];
    const consumers = new Set(integrations.map(i => i.consumerRef));
    const entries: CalendarEntry[] = (
      await Promise.all(
        changed.map(apiRef =>
          this.options.calendar.list({ apiRef }, credentials),
        ),
      )
    ).flat();
    const inWindow = (t: string) => t >= from && t <= to;
    return [...new Map(entries.map(e => [e.id, e])).values()]
      .filter(
        e =>
          (inWindow(e.createdAt) || inWindow(e.effectiveAt)) &&
          e.consumers.some(c => consumers.has(c.consumerRef)),
      )
      .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt))
      .map(e => ({
        entryId: e.id,
        title: e.title,
        apiRef: e.apiRef,
        origin: e.origin,
        createdAt: e.createdAt,
        effectiveAt: e.effectiveAt,
        noticeDays: wholeDays(e.createdAt, e.effectiveAt),
        consumers: e.consumers
          .filter(c => consumers.has(c.consumerRef))
          .map(c => {
            const at =
              c.state === 'acknowledged' ? c.acknowledgement?.at : undefined;
            return {
              consumerRef: c.consumerRef,
              state: c.state,
              ...(at
                ? {
                    acknowledgedAt: at,
                    acknowledgedDaysBefore: wholeDays(at, e.effectiveAt),
                  }
                : {}),
            };
          }),
        link: this.options.links.calendarEntry(e.id),
      }));
  }
}
