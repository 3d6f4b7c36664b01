import { createHash } from 'node:crypto';

/** A stable id for one change: rule, place and subject, not the wording. */
export function fingerprint(...parts: string[]): string {
  return createHash('sha256')
    .update(parts.join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}
