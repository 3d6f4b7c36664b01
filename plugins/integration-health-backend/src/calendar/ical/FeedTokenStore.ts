import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { toIsoString } from '../../database/rowValues';

const TABLE = 'calendar_feed_tokens';
const hash = (token: string) =>
  createHash('sha256').update(token).digest('hex');

/**
 * Personal feed tokens: only their hash is kept, so a leaked database does
 * not leak feeds; one active token per user, replaced or revoked at will.
 */
export interface FeedTokenStore {
  /** A new token for the user (shown once); the previous one stops working. */
  issue(userRef: string, now: Date): Promise<string>;
  revoke(userRef: string, now: Date): Promise<number>;
  /** The user a token belongs to, when it is active. */
  userOf(token: string): Promise<string | undefined>;
  /** When the user's active token was issued, if they have one. */
  active(userRef: string): Promise<{ createdAt: string } | undefined>;
}

export class DatabaseFeedTokenStore implements FeedTokenStore {
  constructor(private readonly db: Knex) {}

  /** A new token for the user (shown once); the previous one stops working. */
  async issue(userRef: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async tx => {
      await tx(TABLE)
        .where({ user_ref: userRef })
        .whereNull('revoked_at')
        .update({ revoked_at: now });
      await tx(TABLE).insert({
        user_ref: userRef,
        token_hash: hash(token),
        created_at: now,
      });
    });
    return token;
  }

  async revoke(userRef: string, now: Date): Promise<number> {
    return this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
  }

  /** The user a token belongs to, when it is active. */
  async userOf(token: string): Promise<string | undefined> {
    const row = await this.db(TABLE)
      .where({ token_hash: hash(token) })
      .whereNull('revoked_at')
      .first('user_ref');
    return row?.user_ref;
  }

  async active(userRef: string): Promise<{ createdAt: string } | undefined> {
    const row = await this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .first('created_at');
    return row ? { createdAt: toIsoString(row.created_at) } : undefined;
  }
}
