import { IncidentFieldChange } from '@integration-health/plugin-integration-health-common';
import { formatMinute, formatMoney } from './formatIncident';

const FIELD_LABELS: Record<IncidentFieldChange['field'], string> = {
  title: 'Title',
  occurredAt: 'Started',
  resolvedAt: 'Resolved',
  impact: 'Impact',
  trigger: 'Cause',
  outOfSync: 'Out of sync',
  postmortemUrls: 'Post-mortems',
};

const PART_LABELS: Record<string, string> = {
  durationMinutes: 'duration (min)',
  affectedTransactions: 'transactions',
  money: 'money',
  description: 'description',
  calendarEntryId: 'calendar entry',
  calendarEntryTitle: 'calendar entry title',
  apiRef: 'API',
  specVersion: 'spec version',
  kind: 'kind',
  url: 'link',
};

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** A value as the history shows it. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'not set';
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'string') {
    return ISO_TIME.test(value) ? formatMinute(value) : `“${value}”`;
  }
  if (Array.isArray(value)) {
    return value.length ? value.map(formatValue).join(', ') : 'none';
  }
  if (typeof value === 'object') {
    const { amount, currency } = value as {
      amount?: unknown;
      currency?: unknown;
    };
    if (typeof amount === 'number' && typeof currency === 'string') {
      return formatMoney(currency, amount);
    }
    return JSON.stringify(value);
  }
  return String(value);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What one changed field says, in lines: a field made of parts (impact,
 * cause, out of sync) says only the parts that changed.
 */
export function describeChange(change: IncidentFieldChange): string[] {
  const label = FIELD_LABELS[change.field] ?? change.field;
  const { before, after } = change as { before?: unknown; after?: unknown };
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter(key => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
      .map(
        key =>
          `${label}, ${PART_LABELS[key] ?? key}: ${formatValue(
            b[key],
          )} → ${formatValue(a[key])}`,
      );
  }
  return [`${label}: ${formatValue(before)} → ${formatValue(after)}`];
}
