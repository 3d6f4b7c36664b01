import type { AcknowledgementState } from './calendar';
import type {
  IncidentEvidence,
  IncidentImpact,
  IncidentTrigger,
} from './incidents';

/**
 * What a brief is about: one integration, every integration of one entity,
 * or the integrations between two teams.
 *
 * @public
 */
export type BriefSubject =
  | { kind: 'integration'; integrationId: string }
  | { kind: 'entity'; entityRef: string }
  | { kind: 'teams'; teamRefs: [string, string] };

/**
 * A fact with where it comes from: the page or record a reader can check.
 *
 * @public
 */
export type BriefFact = { text: string; source: string; link?: string };

/**
 * A facts-only document about a seam over a window, for post-mortems and
 * escalations: the integrations and their owners, incidents with impact and
 * triggers, breaking changes with how far ahead consumers heard and when
 * they acknowledged, what was out of sync at each incident, the score
 * timeline and open findings. Worded neutrally; no verdict about people.
 *
 * @public
 */
export type IntegrationBrief = {
  subject: BriefSubject;
  /** In words, e.g. "ledger-engineering ↔ payments-engineering". */
  title: string;
  from: string;
  to: string;
  generatedAt: string;
  integrations: {
    id: string;
    consumerRef: string;
    providerRef: string;
    apiRef?: string;
    kind: string;
    consumerOwnerRef?: string;
    providerOwnerRef?: string;
    accountableOwnerRef?: string;
    link?: string;
  }[];
  incidents: {
    id: string;
    integrationId: string;
    title: string;
    occurredAt: string;
    resolvedAt?: string;
    impact: IncidentImpact;
    trigger?: IncidentTrigger;
    outOfSync?: IncidentEvidence;
    /** Contract and mock freshness the day before it. */
    scoresBefore?: { day: string; contract?: number; mock?: number };
    postmortemUrls: string[];
  }[];
  breakingChanges: {
    entryId: string;
    title: string;
    apiRef: string;
    origin: 'detected' | 'announced';
    /** When it was put on the calendar (announced, or detected). */
    createdAt: string;
    effectiveAt: string;
    /**
     * Whole days from createdAt to effectiveAt: how far ahead consumers
     * heard; negative when it went on the calendar after it took effect.
     */
    noticeDays: number;
    consumers: {
      consumerRef: string;
      state: AcknowledgementState;
      acknowledgedAt?: string;
      /** Whole days before the effective date it was acknowledged (negative: after). */
      acknowledgedDaysBefore?: number;
    }[];
    link?: string;
  }[];
  /** Each integration's daily scores in the window, oldest first. */
  scoreTimeline: {
    integrationId: string;
    days: { day: string; contract?: number; mock?: number }[];
  }[];
  openFindings: {
    integrationId: string;
    id: string;
    level: string;
    message: string;
  }[];
  /** The brief's facts in reading order, each with its source. */
  facts: BriefFact[];
};
