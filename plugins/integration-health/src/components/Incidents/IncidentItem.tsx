import { Button, Flex, Link, Tag, TagGroup, Text } from '@backstage/ui';
import { IntegrationIncident } from '@integration-health/plugin-integration-health-common';
import { calendarRouteRef } from '../../routes';
import { useOptionalRouteRef } from '../useOptionalRouteRef';
import styles from './Incidents.module.css';
import { isHttpUrl } from '../ExternalLink/isHttpUrl';
import { IncidentHistory } from './IncidentHistory';
import { formatMinute, formatMoney } from './formatIncident';

const WARNING_BELOW = 50;

function impactText(incident: IntegrationIncident) {
  const { durationMinutes, affectedTransactions, money } = incident.impact;
  return [
    durationMinutes !== undefined && `${durationMinutes} min`,
    affectedTransactions !== undefined &&
      `${affectedTransactions.toLocaleString('en')} transactions`,
    money && formatMoney(money.currency, money.amount),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Whether the scores on the day before were low enough to have warned. */
function warning(incident: IntegrationIncident) {
  const before = incident.scoresBefore;
  if (!before || (before.contract === undefined && before.mock === undefined))
    return {
      text: 'No scores before it: nothing could warn',
      tone: 'secondary' as const,
    };
  const scores = `contract ${before.contract ?? 'unknown'}, mocks ${
    before.mock ?? 'unknown'
  } on ${before.day}`;
  const warned = [before.contract, before.mock].some(
    v => v !== undefined && v < WARNING_BELOW,
  );
  return warned
    ? { text: `Scores warned: ${scores}`, tone: 'danger' as const }
    : { text: `Scores did not warn: ${scores}`, tone: 'secondary' as const };
}

/** One incident: when, what broke, what it cost, why, and whether the scores warned. */
export function IncidentItem(props: {
  incident: IntegrationIncident;
  onEdit: () => void;
}) {
  const { incident } = props;
  const impact = impactText(incident);
  const scores = warning(incident);
  const { trigger, outOfSync } = incident;
  const calendar = useOptionalRouteRef(calendarRouteRef);
  const entryLink =
    calendar &&
    trigger?.calendarEntryId &&
    `${calendar()}?entry=${encodeURIComponent(trigger.calendarEntryId)}`;
  return (
    <li className={styles.incidentItem}>
      <Flex direction="column" gap="1">
        <Flex justify="between" align="start">
          <div>
            <Text as="h5" variant="title-x-small">
              {incident.title}
            </Text>
            <Text as="p" variant="body-small" color="secondary">
              {formatMinute(incident.occurredAt)}
              {incident.resolvedAt
                ? ` until ${formatMinute(incident.resolvedAt)}`
                : ' · not resolved'}
            </Text>
          </div>
          {incident.canEdit && (
            <Button
              size="small"
              variant="tertiary"
              aria-label={`Edit incident: ${incident.title}`}
              onPress={props.onEdit}
            >
              Edit
            </Button>
          )}
        </Flex>
        {impact && (
          <Text as="p" variant="body-small">
            Impact: {impact}
          </Text>
        )}
        {incident.impact.description && (
          <Text as="p" variant="body-small">
            {incident.impact.description}
          </Text>
        )}
        <Text as="p" variant="body-small" color={scores.tone}>
          {scores.text}
        </Text>
        {(trigger || outOfSync) && (
          <TagGroup aria-label="Cause">
            {trigger?.calendarEntryTitle && (
              <Tag>Calendar: {trigger.calendarEntryTitle}</Tag>
            )}
            {trigger?.specVersion && (
              <Tag>Spec version {trigger.specVersion}</Tag>
            )}
            {outOfSync && (
              <Tag>
                {outOfSync.kind === 'mock' ? 'Mock' : 'Contract'} out of sync
              </Tag>
            )}
          </TagGroup>
        )}
        {outOfSync?.description && (
          <Text as="p" variant="body-small" color="secondary">
            {outOfSync.description}
          </Text>
        )}
        {(entryLink ||
          outOfSync?.url ||
          incident.postmortemUrls.length > 0 ||
          incident.observed) && (
          <div className={styles.links}>
            {entryLink && (
              <Link href={entryLink} variant="body-small">
                The calendar entry
              </Link>
            )}
            {isHttpUrl(outOfSync?.url) && (
              <Link href={outOfSync!.url} variant="body-small">
                The out-of-sync {outOfSync.kind}
              </Link>
            )}
            {incident.postmortemUrls.filter(isHttpUrl).map((url, i) => (
              <Link key={url} href={url} variant="body-small">
                Post-mortem
                {incident.postmortemUrls.length > 1 ? ` ${i + 1}` : ''}
              </Link>
            ))}
            {incident.observed?.links
              .filter(link => isHttpUrl(link.url))
              .map(link => (
                <Link key={link.url} href={link.url} variant="body-small">
                  Traffic around it in {link.source}
                </Link>
              ))}
          </div>
        )}
        <Text as="p" variant="body-x-small" color="secondary">
          Recorded by {incident.recordedBy.replace(/^user:(default\/)?/, '')}
          {incident.updatedBy !== incident.recordedBy &&
            `, last edited by ${incident.updatedBy.replace(
              /^user:(default\/)?/,
              '',
            )}`}
        </Text>
        <IncidentHistory incident={incident} />
      </Flex>
    </li>
  );
}
