import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import {
  parseJsonColumn,
  toIsoString,
  toOptionalIsoString,
} from '../../database/rowValues';

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
  /**
   * The feed a token opens, when it is active and not expired at `now`: its
   * user and the entity refs they could read when last recorded (none before
   * the first record).
   */
  feedOf(
    token: string,
    now: Date,
  ): Promise<{ userRef: string; visibleRefs: string[] } | undefined>;
  /** Records what the user could read, on their active token if any. */
  rememberVisible(userRef: string, refs: string[], at: Date): Promise<void>;
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
    // A concurrent issue for the same user may win the one active slot (the
    // unique index): revoke that one in turn, as often as it takes.
    for (let attempt = 1; ; attempt++) {
      try {
        await replace();
        return token;
      } catch (error) {
        if (!/unique|duplicate/i.test(String(error)) || attempt >= 20) {
          throw error;
        }
        await new Promise(resolve =>
          setTimeout(resolve, Math.random() * 10 * attempt),
        );
      }
    }
  }

  async revoke(userRef: string, now: Date): Promise<number> {
    return this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .update({ revoked_at: now });
  }

  async userOf(token: string, now: Date): Promise<string | undefined> {
    return (await this.feedOf(token, now))?.userRef;
  }

  async feedOf(token: string, now: Date) {
    const row = await this.db(TABLE)
      .where({ token_hash: hash(token) })
      .whereNull('revoked_at')
      .first('user_ref', 'expires_at', 'visible_refs');
    if (!row) return undefined;
    const expired =
      row.expires_at !== null &&
      Date.parse(toIsoString(row.expires_at)) <= now.getTime();
    if (expired) return undefined;
    return {
      userRef: row.user_ref as string,
      visibleRefs: parseJsonColumn<string[]>(row.visible_refs, []),
    };
  }

  async rememberVisible(userRef: string, refs: string[], at: Date) {
    await this.db(TABLE)
      .where({ user_ref: userRef })
      .whereNull('revoked_at')
      .update({ visible_refs: JSON.stringify(refs), visible_at: at });
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
