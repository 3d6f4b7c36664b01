import { LoggerService } from '@backstage/backend-plugin-api';
import { AppLinks } from '../appLinks';
import { nameOf } from '../calendar/nameOf';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Integration,
  IntegrationIncident,
} from '@integration-health/plugin-integration-health-common';

/**
 * Tells the owners of both sides (and the accountable owner) that an
 * incident was recorded at their integration, except who recorded it.
 * A notification that cannot be sent is logged; the record stands.
 */
export async function notifyIncident(
  options: {
    notifications: NotificationService;
    logger: LoggerService;
    links: AppLinks;
  },
  incident: IntegrationIncident,
  integration: Integration,
) {
  const recipients = [
    ...new Set(
      [
        integration.consumerOwnerRef,
        integration.providerOwnerRef,
        integration.accountableOwnerRef,
      ].filter((ref): ref is string => Boolean(ref)),
    ),
  ];
  if (recipients.length === 0) return;
  try {
    await options.notifications.send({
      recipients: {
        type: 'entity',
        entityRef: recipients,
        excludeEntityRef: incident.recordedBy,
      },
      payload: {
        title: `Incident at ${nameOf(integration.consumerRef)} → ${nameOf(
          integration.providerRef,
        )}: ${incident.title}`,
        description: `Recorded by ${nameOf(
          incident.recordedBy,
        )}, began ${incident.occurredAt.slice(0, 16).replace('T', ' ')} UTC.`,
        link: options.links.entityIntegrations(integration.consumerRef),
        severity: 'high',
        topic: 'Integration incidents',
        scope: `integration-health:incident:${incident.id}`,
      },
    });
  } catch (error) {
    options.logger.warn(
      `Could not notify the owners of incident ${incident.id}: ${error}`,
    );
  }
}
