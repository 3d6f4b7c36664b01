import { parseEntityRef } from '@backstage/catalog-model';
import {
  BriefFact,
  IntegrationBrief,
} from '@integration-health/plugin-integration-health-common';
import { AppLinks } from '../appLinks';

const name = (ref: string) => parseEntityRef(ref).name;
const day = (iso: string) => iso.slice(0, 10);
const days = (n: number) => `${n} day${Math.abs(n) === 1 ? '' : 's'}`;
const count = (n: number) => n.toLocaleString('en-US');

function impactText(impact: IntegrationBrief['incidents'][number]['impact']) {
  const parts = [
    impact.durationMinutes !== undefined &&
      `lasted ${count(impact.durationMinutes)} minutes`,
    impact.affectedTransactions !== undefined &&
      `affected ${count(impact.affectedTransactions)} transactions`,
    impact.money &&
      `involved ${impact.money.currency} ${impact.money.amount.toLocaleString(
        'en-US',
        { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      )}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'has no recorded impact';
}

function scoreText(scores: { contract?: number; mock?: number }) {
  return [
    `contract freshness ${scores.contract ?? 'unknown'}`,
    `mock freshness ${scores.mock ?? 'unknown'}`,
  ].join(' and ');
}

/**
 * The brief's facts in reading order, each with its source: neutral
 * sentences about records (who owns what, what happened when, what was
 * announced and acknowledged), never a verdict about people.
 */
export function briefFacts(
  brief: Omit<IntegrationBrief, 'facts'>,
  links: AppLinks,
): BriefFact[] {
  const facts: BriefFact[] = [];
  const byId = new Map(brief.integrations.map(i => [i.id, i]));
  const seam = (id: string) => {
    const i = byId.get(id);
    return i ? `${name(i.consumerRef)} → ${name(i.providerRef)}` : id;
  };

  for (const i of brief.integrations) {
    facts.push({
      text: `${name(i.consumerRef)} uses ${name(i.providerRef)}${
        i.apiRef ? ` through ${name(i.apiRef)}` : ''
      }; the consumer is owned by ${
        i.consumerOwnerRef ? name(i.consumerOwnerRef) : 'no team'
      }, the provider by ${
        i.providerOwnerRef ? name(i.providerOwnerRef) : 'no team'
      }; the accountable owner of the integration is ${
        i.accountableOwnerRef ? name(i.accountableOwnerRef) : 'not declared'
      }.`,
      source: 'catalog',
      link: i.link,
    });
  }

  for (const change of brief.breakingChanges) {
    const effect =
      change.effectiveAt <= brief.generatedAt ? 'took effect' : 'takes effect';
    facts.push({
      text: `"${change.title}" was ${change.origin} on ${day(
        change.createdAt,
      )} and ${effect} on ${day(change.effectiveAt)}: consumers heard of it ${
        change.noticeDays >= 0
          ? `${days(change.noticeDays)} before it ${effect}`
          : `${days(-change.noticeDays)} after it took effect`
      }.`,
      source: 'breaking-change calendar',
      link: change.link,
    });
    for (const c of change.consumers) {
      facts.push({
        text:
          c.acknowledgedAt !== undefined
            ? `${name(c.consumerRef)} acknowledged "${change.title}" on ${day(
                c.acknowledgedAt,
              )}, ${
                c.acknowledgedDaysBefore! >= 0
                  ? `${days(c.acknowledgedDaysBefore!)} before it ${effect}`
                  : `${days(-c.acknowledgedDaysBefore!)} after it took effect`
              }.`
            : `${name(c.consumerRef)} has not acknowledged "${change.title}" (${
                c.state
              }).`,
        source: 'breaking-change calendar',
        link: change.link,
      });
    }
  }

  for (const incident of brief.incidents) {
    facts.push({
      text: `Incident "${incident.title}" at ${seam(
        incident.integrationId,
      )} began on ${incident.occurredAt.replace('T', ' ').slice(0, 16)} UTC${
        incident.resolvedAt
          ? ` and was resolved on ${incident.resolvedAt
              .replace('T', ' ')
              .slice(0, 16)} UTC`
          : ''
      }; it ${impactText(incident.impact)}.`,
      source: 'incident record',
      link: links.entityIntegrations(
        byId.get(incident.integrationId)?.consumerRef ?? '',
      ),
    });
    if (incident.trigger?.calendarEntryTitle || incident.trigger?.specVersion) {
      facts.push({
        text: `It was recorded as triggered by ${
          incident.trigger.calendarEntryTitle
            ? `"${incident.trigger.calendarEntryTitle}"`
            : `version ${incident.trigger.specVersion} of ${
                incident.trigger.apiRef
                  ? name(incident.trigger.apiRef)
                  : 'the API'
              }`
        }.`,
        source: 'incident record',
        ...(incident.trigger.calendarEntryId
          ? { link: links.calendarEntry(incident.trigger.calendarEntryId) }
          : {}),
      });
    }
    if (incident.outOfSync) {
      facts.push({
        text: `The ${incident.outOfSync.kind} was recorded as out of sync${
          incident.outOfSync.description
            ? `: ${incident.outOfSync.description}`
            : ''
        }.`,
        source: 'incident record',
        ...(incident.outOfSync.url ? { link: incident.outOfSync.url } : {}),
      });
    }
    if (incident.scoresBefore) {
      facts.push({
        text: `On ${incident.scoresBefore.day}, the day before, ${seam(
          incident.integrationId,
        )} had ${scoreText(incident.scoresBefore)}.`,
        source: 'daily scores',
      });
    }
  }

  for (const timeline of brief.scoreTimeline) {
    const first = timeline.days[0];
    const last = timeline.days[timeline.days.length - 1];
    facts.push({
      text:
        first.day === last.day
          ? `On ${first.day}, ${seam(timeline.integrationId)} had ${scoreText(
              first,
            )}.`
          : `${seam(timeline.integrationId)} had ${scoreText(first)} on ${
              first.day
            }, and ${scoreText(last)} on ${last.day}.`,
      source: 'daily scores',
    });
  }

  for (const finding of brief.openFindings) {
    facts.push({
      text: `Open finding at ${seam(finding.integrationId)}: ${
        finding.message
      }`,
      source: 'sync findings',
      link: byId.get(finding.integrationId)?.link,
    });
  }
  return facts;
}
