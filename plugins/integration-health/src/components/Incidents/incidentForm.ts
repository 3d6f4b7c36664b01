import {
  IncidentInput,
  IntegrationIncident,
} from '@integration-health/plugin-integration-health-common';

/** What the incident form holds: text, as typed. */
export type IncidentFormValues = {
  integrationId?: string;
  title: string;
  started: string;
  ended: string;
  durationMinutes: string;
  affectedTransactions: string;
  amount: string;
  currency: string;
  impactDescription: string;
  calendarEntryId?: string;
  specVersion: string;
  outOfSyncKind: 'none' | 'mock' | 'contract';
  outOfSyncDescription: string;
  outOfSyncUrl: string;
  postmortemUrls: string;
};

const MOMENT = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d)$/;

/** "2026-11-19T08:15:00.000Z" → "2026-11-19 08:15" (UTC). */
export const toMoment = (iso?: string) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '';

const fromMoment = (text: string) => {
  const match = MOMENT.exec(text.trim());
  return match ? `${match[1]}T${match[2]}:00.000Z` : undefined;
};

const count = (text: string) =>
  text.trim() === '' ? undefined : Number(text.replace(/[\s,_]/g, ''));

export function initialValues(
  incident?: IntegrationIncident,
  integrationId?: string,
): IncidentFormValues {
  return {
    integrationId: incident?.integrationId ?? integrationId,
    title: incident?.title ?? '',
    started: toMoment(incident?.occurredAt),
    ended: toMoment(incident?.resolvedAt),
    durationMinutes: incident?.impact.durationMinutes?.toString() ?? '',
    affectedTransactions:
      incident?.impact.affectedTransactions?.toString() ?? '',
    amount: incident?.impact.money?.amount.toString() ?? '',
    currency: incident?.impact.money?.currency ?? '',
    impactDescription: incident?.impact.description ?? '',
    calendarEntryId: incident?.trigger?.calendarEntryId,
    specVersion: incident?.trigger?.specVersion ?? '',
    outOfSyncKind: incident?.outOfSync?.kind ?? 'none',
    outOfSyncDescription: incident?.outOfSync?.description ?? '',
    outOfSyncUrl: incident?.outOfSync?.url ?? '',
    postmortemUrls: incident?.postmortemUrls.join('\n') ?? '',
  };
}

/**
 * The form as the API's input, or the first thing wrong with it in words.
 * The server checks again; this catches what can be caught while typing.
 */
export function toIncidentInput(
  values: IncidentFormValues,
  apiRef: string | undefined,
): { input?: IncidentInput; problem?: string } {
  if (!values.integrationId) return { problem: 'Choose the integration.' };
  if (!values.title.trim()) return { problem: 'Say what broke.' };
  const occurredAt = fromMoment(values.started);
  if (!occurredAt)
    return { problem: 'Started must read YYYY-MM-DD HH:MM (UTC).' };
  const resolvedAt = values.ended.trim() ? fromMoment(values.ended) : undefined;
  if (values.ended.trim() && !resolvedAt)
    return { problem: 'Ended must read YYYY-MM-DD HH:MM (UTC).' };
  const durationMinutes = count(values.durationMinutes);
  const affectedTransactions = count(values.affectedTransactions);
  const amount = count(values.amount);
  for (const [label, n] of [
    ['Duration', durationMinutes],
    ['Affected transactions', affectedTransactions],
  ] as const) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0))
      return { problem: `${label} must be a whole number.` };
  }
  if (amount !== undefined && !(Number.isFinite(amount) && amount >= 0))
    return { problem: 'Money must be a number.' };
  const currency = values.currency.trim().toUpperCase();
  if (amount !== undefined && !/^[A-Z]{3}$/.test(currency))
    return { problem: 'Give the currency as a three-letter code, e.g. EUR.' };
  const specVersion = values.specVersion.trim() || undefined;
  const trigger =
    values.calendarEntryId || specVersion
      ? {
          calendarEntryId: values.calendarEntryId,
          apiRef: specVersion ? apiRef : undefined,
          specVersion,
        }
      : undefined;
  return {
    input: {
      title: values.title.trim(),
      occurredAt,
      resolvedAt,
      impact: {
        durationMinutes,
        affectedTransactions,
        money: amount !== undefined ? { amount, currency } : undefined,
        description: values.impactDescription.trim() || undefined,
      },
      trigger,
      outOfSync:
        values.outOfSyncKind === 'none'
          ? undefined
          : {
              kind: values.outOfSyncKind,
              description: values.outOfSyncDescription.trim() || undefined,
              url: values.outOfSyncUrl.trim() || undefined,
            },
      postmortemUrls: values.postmortemUrls
        .split(/\s+/)
        .map(u => u.trim())
        .filter(Boolean),
    },
  };
}
