import { nameOf } from '../nameOf';
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { FeedTokenStore } from './FeedTokenStore';
import { CalendarService } from '../CalendarService';
import { renderICalendar } from './renderICalendar';
import { AppLinks } from '../../appLinks';

/**
 * Read-only iCalendar feeds for calendar clients, which cannot sign in: a
 * personal token (stored hashed, revocable) names the user; the feed holds
 * the entries that touch the user's teams (their groups as consumer or
 * provider owners), or one of those teams when asked.
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

  async issue(userRef: string) {
    const now = new Date();
    const expiresAt = new Date(
      now.getTime() + this.options.tokenDays * 86_400_000,
    );
    const token = await this.options.tokens.issue(userRef, now, expiresAt);
    return {
      token,
      url: await this.feedUrl(token),
      expiresAt: expiresAt.toISOString(),
    };
  }

  async status(userRef: string) {
    const active = await this.options.tokens.active(userRef);
    return {
      active: Boolean(active),
      createdAt: active?.createdAt,
      expiresAt: active?.expiresAt,
    };
  }

  async revoke(userRef: string) {
    await this.options.tokens.revoke(userRef, new Date());
  }

  /** The groups a user belongs to, from the catalog. */
  private async teamsOf(userRef: string): Promise<string[]> {
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return (user?.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef);
  }

  /** The feed a token opens; unknown and revoked tokens see no feed at all. */
  async feed(token: string, teamRef?: string): Promise<string> {
    const userRef = await this.options.tokens.userOf(token, new Date());
    if (!userRef) throw new NotFoundError('No such calendar feed');
    const teams = await this.teamsOf(userRef);
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
    return renderICalendar({
      name: `Breaking changes for ${nameOf(teamRef ?? userRef)}`,
      entries: [...active, ...cancelled].filter(touches),
      link: entry => `${links.baseUrl}${links.calendarEntry(entry.id)}`,
      now: new Date(),
    });
  }
}
