import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Integration,
  SpecVersion,
} from '@integration-health/plugin-integration-health-common';
import { AppLinks } from '../appLinks';
import { nameOf } from '../calendar/nameOf';
import { SpecStore } from '../specs/SpecStore';
import { ScoreStore } from './scores/ScoreStore';
import { MockRefreshStore } from './MockRefreshStore';

/**
 * Tells a consumer's owners, once per spec version, when the provider's
 * current spec no longer matches the consumer's mocks: what no longer
 * matches, and where the mocks generated from the new version are.
 */
export class MockRefreshNotifier {
  constructor(
    private readonly options: {
      refreshStore: MockRefreshStore;
      scoreStore: ScoreStore;
      specStore: SpecStore;
      notifications: NotificationService;
      links: AppLinks;
      logger: LoggerService;
    },
  ) {}

  /** Sends what is due for these integrations; answers how many were sent. */
  async notify(integrations: Integration[], now: Date): Promise<number> {
    const { scoreStore, specStore, notifications, links, refreshStore } =
      this.options;
    const scores = await scoreStore.getScores(integrations.map(i => i.id));
    // The integrations whose mocks no longer all match the API's current
    // version; each API's history read once.
    const currentOf = new Map<string, Promise<SpecVersion | undefined>>();
    const due: {
      integration: Integration;
      apiRef: string;
      current: SpecVersion;
    }[] = [];
    for (const integration of integrations) {
      const { mocks, validMocks } =
        scores.get(integration.id)?.mock?.inputs ?? {};
      if (
        !integration.apiRef ||
        typeof mocks !== 'number' ||
        typeof validMocks !== 'number' ||
        validMocks >= mocks
      ) {
        continue;
      }
      const apiRef = integration.apiRef;
      if (!currentOf.has(apiRef)) {
        currentOf.set(
          apiRef,
          specStore.listVersions(apiRef).then(versions => versions[0]),
        );
      }
      const current = await currentOf.get(apiRef);
      if (current) due.push({ integration, apiRef, current });
    }
    // Those told before are passed over without a write.
    const told = await refreshStore.notifiedAmong(
      due.map(d => ({
        integrationId: d.integration.id,
        specVersionId: d.current.id,
      })),
    );
    let sent = 0;
    for (const { integration, apiRef, current } of due) {
      if (told.has(`${integration.id}\n${current.id}`)) continue;
      const mock = scores.get(integration.id)?.mock;
      if (!(await refreshStore.markNotified(integration.id, current.id, now)))
        continue;
      const version = current.versionLabel ?? 'the current version';
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: integration.consumerRef },
          payload: {
            title: `Mocks of ${nameOf(apiRef)} no longer match ${version}`,
            description: `${nameOf(integration.consumerRef)}: ${
              mock!.summary
            }. Mocks generated from ${version} for the operations it uses, and what changed in them, are on its Integrations tab.`,
            link: links.entityIntegrations(integration.consumerRef),
            severity: 'normal',
            topic: 'Mock freshness',
            scope: `integration-health:mocks:${integration.id}`,
          },
        });
        sent++;
      } catch (error) {
        // Not marked as sent, so the next sync tries again.
        await refreshStore.unmarkNotified(integration.id, current.id);
        this.options.logger.warn(
          `Could not send a mock refresh notification: ${error}`,
        );
      }
    }
    return sent;
  }
}
