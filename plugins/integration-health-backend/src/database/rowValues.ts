// SQLite returns timestamps as numbers or strings and PostgreSQL as Date
// objects; JSON columns are text on both. These helpers normalise at the
// store boundary so the rest of the plugin only sees ISO strings and values.

export function toIsoString(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'string') {
    // SQLite's CURRENT_TIMESTAMP form has no zone and means UTC.
    const normalized = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value;
    return new Date(normalized).toISOString();
  }
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

export function toOptionalIsoString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIsoString(value);
}

export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') {
    return fallback;
  }
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}
