import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  IncidentEdit,
  IncidentInput,
  Integration,
  IntegrationIncident,
  integrationIncidentRecordPermission,
} from '@integration-health/plugin-integration-health-common';
import { randomUUID } from 'node:crypto';
import { CalendarStore } from '../calendar/CalendarStore';
import { ScoreStore } from '../evidence/scores/ScoreStore';
import { IncidentStore, StoredIncident } from './IncidentStore';
import { IntegrationStore } from '../integrations/IntegrationStore';
import { SpecStore } from '../specs/SpecStore';
import { createResourceAuthorizer } from '../permissions/resourceAuthorizer';
import { IntegrationQuery } from '../permissions/rules';
import { CatalogVisibility } from '../integrations/CatalogVisibility';
import { notifyIncident } from './notifyIncident';
import { AppLinks } from '../appLinks';
import { ObservationService } from '../observations/ObservationService';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Clocks differ; an incident a few minutes "in the future" is not an error. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Incidents at integrations: recorded and edited by the owners of either
 * side (the permission policy decides), read by whoever can see the
 * integration, each with the scores of the day before it.
 */
export class IncidentService {
  private readonly visibility: CatalogVisibility;
  private readonly authorize: ReturnType<
    typeof createResourceAuthorizer<Integration, IntegrationQuery>
  >;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      integrationStore: IntegrationStore;
      scoreStore: ScoreStore;
      incidentStore: IncidentStore;
      calendarStore: CalendarStore;
      specStore: SpecStore;
      ruleset: PermissionRuleset<Integration, IntegrationQuery>;
      notifications: NotificationService;
      logger: LoggerService;
      links: AppLinks;
      /** Links to what telemetry saw around each incident. */
      observations?: Pick<ObservationService, 'linksFor'>;
    },
  ) {
    this.visibility = new CatalogVisibility(options.catalog);
    this.authorize = createResourceAuthorizer(
      options.permissions,
      options.ruleset,
    );
  }

  /** The incidents of one integration, newest first. */
  async list(
    integrationId: string,
    credentials: BackstageCredentials,
  ): Promise<IntegrationIncident[]> {
    const integration = await this.visibility.getVisibleIntegration(
      this.options.integrationStore,
      integrationId,
      credentials,
    );
    return this.present(
      await this.options.incidentStore.listForIntegrations([integration.id]),
      [integration],
      credentials,
    );
  }

  /** The incidents at every integration of an entity the caller can see. */
  async listForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<IntegrationIncident[]> {
    const { integrationStore, incidentStore } = this.options;
    await this.visibility.assertVisible(entityRef, credentials);
    const { upstream, downstream } = await integrationStore.listForEntity(
      entityRef,
    );
    const visible = await this.visibility.visibleIntegrations(
      [...upstream, ...downstream],
      credentials,
    );
    return this.present(
      await incidentStore.listForIntegrations(visible.map(i => i.id)),
      visible,
      credentials,
    );
  }

  /**
   * The edits of one incident, oldest first: to whoever may read the
   * incident, exactly as the incident is read.
   */
  async history(
    integrationId: string,
    incidentId: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentEdit[]> {
    const integration = await this.visibility.getVisibleIntegration(
      this.options.integrationStore,
      integrationId,
      credentials,
    );
    const incident = await this.options.incidentStore.get(incidentId);
    if (!incident || incident.integrationId !== integration.id) {
      throw new NotFoundError(`No incident ${incidentId} at this integration`);
    }
    return this.options.incidentStore.edits(incidentId);
  }

  async record(
    integrationId: string,
    input: IncidentInput,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    now = new Date(),
  ): Promise<IntegrationIncident> {
    const integration = await this.recordable(integrationId, credentials);
    const stored = await this.options.incidentStore.add(
      {
        ...(await this.checked(input, now, credentials)),
        id: randomUUID(),
        integrationId: integration.id,
      },
      credentials.principal.userEntityRef,
      now,
    );
    const [shown] = await this.present([stored], [integration], credentials);
    await notifyIncident(this.options, shown, integration);
    return shown;
  }

  async update(
    integrationId: string,
    incidentId: string,
    input: IncidentInput,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    now = new Date(),
  ): Promise<IntegrationIncident> {
    const integration = await this.recordable(integrationId, credentials);
    const { incidentStore } = this.options;
    const existing = await incidentStore.get(incidentId);
    if (!existing || existing.integrationId !== integration.id) {
      throw new NotFoundError(`No incident ${incidentId} at this integration`);
    }
    const stored = await incidentStore.update(
      incidentId,
      await this.checked(input, now, credentials),
      credentials.principal.userEntityRef,
      now,
    );
    const [shown] = await this.present([stored!], [integration], credentials);
    return shown;
  }

  private async recordable(
    integrationId: string,
    credentials: BackstageCredentials,
  ): Promise<Integration> {
    const integration = await this.visibility.getVisibleIntegration(
      this.options.integrationStore,
      integrationId,
      credentials,
    );
    if (!(await this.mayRecord(credentials))(integration)) {
      throw new NotAllowedError(
        `Only the owners of ${integration.consumerRef} or ${integration.providerRef} may record incidents at this integration`,
      );
    }
    return integration;
  }

  private mayRecord(credentials: BackstageCredentials) {
    return this.authorize(integrationIncidentRecordPermission, credentials);
  }

  /** The input with its references checked and its duration filled in. */
  private async checked(
    input: IncidentInput,
    now: Date,
    credentials: BackstageCredentials,
  ): Promise<IncidentInput> {
    const occurred = Date.parse(input.occurredAt);
    if (occurred > now.getTime() + CLOCK_SKEW_MS) {
      throw new InputError('Invalid body: occurredAt is in the future');
    }
    const resolved = input.resolvedAt ? Date.parse(input.resolvedAt) : NaN;
    if (resolved < occurred) {
      throw new InputError('Invalid body: resolvedAt is before occurredAt');
    }
    const impact = { ...input.impact };
    if (impact.durationMinutes === undefined && !Number.isNaN(resolved)) {
      impact.durationMinutes = Math.round((resolved - occurred) / 60_000);
    }
    return {
      ...input,
      impact,
      trigger:
        input.trigger &&
        (await this.checkedTrigger(input.trigger, credentials)),
    };
  }

  /**
   * The trigger as recorded: a calendar entry or spec version the caller can
   * see (through its API), with the entry's title copied; one they cannot
   * see is refused exactly as one that does not exist.
   */
  private async checkedTrigger(
    trigger: NonNullable<IncidentInput['trigger']>,
    credentials: BackstageCredentials,
  ) {
    const { calendarStore, specStore } = this.options;
    const checked = { ...trigger };
    const visible = async (apiRef: string) =>
      (await this.visibility.visibleRefs([apiRef], credentials)).has(apiRef);
    if (trigger.calendarEntryId) {
      const entry = await calendarStore.get(trigger.calendarEntryId);
      if (!entry || !(await visible(entry.apiRef))) {
        throw new InputError(
          `Invalid body: trigger.calendarEntryId ${trigger.calendarEntryId} is not a calendar entry`,
        );
      }
      checked.calendarEntryTitle = entry.title;
      checked.apiRef ??= entry.apiRef;
    }
    if (trigger.specVersion) {
      if (!checked.apiRef) {
        throw new InputError(
          'Invalid body: trigger.specVersion needs trigger.apiRef',
        );
      }
      const versions = (await visible(checked.apiRef))
        ? await specStore.listVersions(checked.apiRef)
        : [];
      if (!versions.some(v => v.versionLabel === trigger.specVersion)) {
        throw new InputError(
          `Invalid body: trigger.specVersion ${trigger.specVersion} is not a recorded version of ${checked.apiRef}`,
        );
      }
    }
    return checked;
  }

  /** Stored incidents as the caller sees them: sides, scores before, whether they may edit. */
  private async present(
    incidents: StoredIncident[],
    integrations: Integration[],
    credentials: BackstageCredentials,
  ): Promise<IntegrationIncident[]> {
    if (incidents.length === 0) return [];
    const byId = new Map(integrations.map(i => [i.id, i]));
    const editCounts = await this.options.incidentStore.editCounts(
      incidents.map(i => i.id),
    );
    const mayRecord =
      (credentials.principal as { type?: string }).type === 'user'
        ? await this.mayRecord(credentials)
        : () => false;
    return Promise.all(
      incidents.map(async incident => {
        const integration = byId.get(incident.integrationId)!;
        return {
          ...incident,
          consumerRef: integration.consumerRef,
          providerRef: integration.providerRef,
          apiRef: integration.apiRef,
          editCount: editCounts.get(incident.id) ?? 0,
          scoresBefore: await this.scoresBefore(incident),
          ...(await this.observedAround(incident, integration)),
          canEdit: mayRecord(integration),
        };
      }),
    );
  }

  /** Links to the integration's traffic from an hour before the incident to an hour after it. */
  private async observedAround(
    incident: StoredIncident,
    integration: Integration,
  ): Promise<Pick<IntegrationIncident, 'observed'>> {
    if (!this.options.observations) return {};
    const began = Date.parse(incident.occurredAt);
    const ended = incident.resolvedAt
      ? Date.parse(incident.resolvedAt)
      : began + (incident.impact.durationMinutes ?? 60) * 60_000;
    const range = {
      from: new Date(began - HOUR_MS),
      to: new Date(Math.max(ended, began) + HOUR_MS),
    };
    const links = await this.options.observations.linksFor(integration, range);
    return links.length === 0
      ? {}
      : {
          observed: {
            from: range.from.toISOString(),
            to: range.to.toISOString(),
            links,
          },
        };
  }

  /** The integration's newest daily scores from before the incident began. */
  private async scoresBefore(incident: StoredIncident) {
    const occurred = Date.parse(incident.occurredAt);
    const dayBefore = new Date(occurred - DAY_MS).toISOString().slice(0, 10);
    const since = new Date(occurred - 90 * DAY_MS).toISOString().slice(0, 10);
    const days = await this.options.scoreStore.listSnapshots(
      incident.integrationId,
      since,
    );
    return days.filter(d => d.day <= dayBefore).at(-1);
  }
}
