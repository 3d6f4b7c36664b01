import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { toIsoString, toOptionalIsoString } from '../../database/rowValues';

const TABLE = 'calendar_feed_tokens';
const hash = (token: string) =>
  createHash('sha256').update(token).digest('hex');

/**
 * Personal feed tokens: only their hash is kept, so a leaked database does
 * not leak feeds; one active token per user, replaced or revoked at will.
 */
export interface FeedTokenStore {
  /**
   * A new token for the user (shown once), valid until `expiresAt`; the
   * previous one stops working. The database keeps one active per user.
   */
  issue(userRef: string, now: Date, expiresAt: Date): Promise<string>;
  revoke(userRef: string, now: Date): Promise<number>;
  /** The user a token belongs to, when it is active and not expired at `now`. */
  userOf(token: string, now: Date): Promise<string | undefined>;
  /** When the user's active token was issued and when it expires, if they have one. */
  active(
    userRef: string,
  ): Promise<{ createdAt: string; expiresAt?: string } | undefined>;
}

export class DatabaseFeedTokenStore implements FeedTokenStore {
  constructor(private readonly db: Knex) {}

  async issue(userRef: string, now: Date, expiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const replace = () =>
      this.db.transaction(async tx => {
        await tx(TABLE)
          .where({ user_ref: userRef })
          .whereNull('revoked_at')
          .update({ revoked_at: now });
        await tx(TABLE).insert({
          user_ref: userRef,
          token_hash: hash(token),
          created_at: now,
          expires_at: expiresAt,
        });
      });
    try {
      await replace();
    } catch (error) {
      // A concurrent issue for the same user won the one active slot (the
      // unique index): revoke that one in turn.
      if (!/unique|duplicate/i.test(String(error))) throw error;
      await replace();
    }
    return token;
  }

  async revoke(userRef: string, now: Date): Promise<number> {
    return this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
  }

  /** The user a token belongs to, when it is active. */
  async userOf(token: string, now: Date): Promise<string | undefined> {
    const row = await this.db(TABLE)
      .where({ token_hash: hash(token) })
      .whereNull('revoked_at')
      .first('user_ref', 'expires_at');
    if (!row) return undefined;
    const expired =
      row.expires_at !== null &&
      Date.parse(toIsoString(row.expires_at)) <= now.getTime();
    return expired ? undefined : row.user_ref;
  }

  async active(
    userRef: string,
  ): Promise<{ createdAt: string; expiresAt?: string } | undefined> {
    const row = await this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .first('created_at', 'expires_at');
    return row
      ? {
          createdAt: toIsoString(row.created_at),
          expiresAt: toOptionalIsoString(row.expires_at),
        }
      : undefined;
  }
}
