import { nameOf } from '../nameOf';
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { FeedTokenStore } from './FeedTokenStore';
import { CalendarService } from '../CalendarService';
import { renderICalendar } from './renderICalendar';
import { AppLinks } from '../../appLinks';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Read-only iCalendar feeds for calendar clients, which cannot sign in: a
 * personal token (stored hashed, revocable) names the user; the feed holds
 * the entries that touch the user's teams (their groups as consumer or
 * provider owners), or one of those teams when asked.
 *
 * The feed is built without the user's credentials (Backstage issues no
 * token for a user who is not in the request, and a stored user token would
 * expire within the hour), so it shows only what the user could read in the
 * portal when they last opened the calendar: the entity refs the catalog
 * let them read are recorded with the token then, read with their own
 * credentials. An entry whose API they could not read is left out, and so
 * is a consumer; something new appears after their next visit.
 */
export class CalendarFeedService {
  constructor(
    private readonly options: {
      tokens: FeedTokenStore;
      calendarService: CalendarService;
      catalog: CatalogService;
      auth: AuthService;
      discovery: DiscoveryService;
      links: AppLinks;
      /** Days a feed token stays valid. */
      tokenDays: number;
    },
  ) {}

  private async feedUrl(token: string) {
    const base = await this.options.discovery.getExternalBaseUrl(
      'integration-health',
    );
    return `${base}/v1/calendar/feed.ics?token=${encodeURIComponent(token)}`;
  }

  /** The entity refs of every calendar entry the user can read now. */
  private async readableRefs(credentials: UserCredentials): Promise<string[]> {
    const { calendarService } = this.options;
    const [active, cancelled] = await Promise.all([
      calendarService.list({}, credentials),
      calendarService.list({ state: 'cancelled' }, credentials),
    ]);
    const refs = new Set<string>();
    for (const entry of [...active, ...cancelled]) {
      refs.add(entry.apiRef);
      entry.consumers.forEach(c => refs.add(c.consumerRef));
    }
    return [...refs].sort();
  }

  private async rememberReadable(credentials: UserCredentials) {
    const refs = await this.readableRefs(credentials);
    await this.options.tokens.rememberVisible(
      credentials.principal.userEntityRef,
      refs,
      new Date(),
    );
  }

  async issue(credentials: UserCredentials) {
    const userRef = credentials.principal.userEntityRef;
    const now = new Date();
    const expiresAt = new Date(
      now.getTime() + this.options.tokenDays * 86_400_000,
    );
    const token = await this.options.tokens.issue(userRef, now, expiresAt);
    await this.rememberReadable(credentials);
    return {
      token,
      url: await this.feedUrl(token),
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The user's feed link, if active; records what they can read for it. */
  async status(credentials: UserCredentials) {
    const active = await this.options.tokens.active(
      credentials.principal.userEntityRef,
    );
    if (active) await this.rememberReadable(credentials);
    return {
      active: Boolean(active),
      createdAt: active?.createdAt,
      expiresAt: active?.expiresAt,
    };
  }

  async revoke(userRef: string) {
    await this.options.tokens.revoke(userRef, new Date());
  }

  /** The groups a user belongs to, from the catalog; undefined when the user is gone. */
  private async teamsOf(userRef: string): Promise<string[] | undefined> {
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!user) return undefined;
    return (user.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef);
  }

  /**
   * The feed a token opens; unknown, revoked and expired tokens, and those of
   * users no longer in the catalog, see no feed at all.
   */
  async feed(token: string, teamRef?: string): Promise<string> {
    const opened = await this.options.tokens.feedOf(token, new Date());
    const teams = opened && (await this.teamsOf(opened.userRef));
    if (!opened || !teams) throw new NotFoundError('No such calendar feed');
    const { userRef } = opened;
    const readable = new Set(opened.visibleRefs);
    if (teamRef && !teams.includes(teamRef)) {
      throw new NotFoundError(
        `No calendar feed for ${teamRef} with this token`,
      );
    }
    const owners = new Set(teamRef ? [teamRef] : [userRef, ...teams]);
    const { calendarService, auth, links } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const [active, cancelled] = await Promise.all([
      calendarService.list({}, credentials),
      calendarService.list({ state: 'cancelled' }, credentials),
    ]);
    const touches = (entry: CalendarEntry) =>
      entry.providerOwnerRefs.some(ref => owners.has(ref)) ||
      entry.consumers.some(
        c => c.consumerOwnerRef && owners.has(c.consumerOwnerRef),
      );
    // Only what the user could read: the API, and each consumer.
    const shown = [...active, ...cancelled]
      .filter(entry => readable.has(entry.apiRef))
      .map(entry => ({
        ...entry,
        consumers: entry.consumers.filter(c => readable.has(c.consumerRef)),
        unaffectedConsumerRefs: entry.unaffectedConsumerRefs?.filter(ref =>
          readable.has(ref),
        ),
      }));
    return renderICalendar({
      name: `Breaking changes for ${nameOf(teamRef ?? userRef)}`,
      entries: shown.filter(touches),
      link: entry => `${links.baseUrl}${links.calendarEntry(entry.id)}`,
      now: new Date(),
    });
  }
}
