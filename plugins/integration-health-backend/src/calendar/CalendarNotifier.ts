import { nameOf } from './nameOf';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { CalendarEntry } from '@integration-health/plugin-integration-health-common';
import { CalendarStore } from './CalendarStore';
import { CalendarListener, CalendarService } from './CalendarService';
import { AppLinks } from '../appLinks';

/** The frontend listens here to refresh open calendar pages and tabs. */
export const CALENDAR_SIGNAL_CHANNEL = 'integration-health:calendar';

const DAY = 86_400_000;
const dateOf = (iso: string) => iso.slice(0, 10);

type Message = {
  recipients: string[];
  /** Who the message is about: a consumer ref, or `provider`. */
  about: string;
  /** Sent once per entry, recipient and kind. */
  kind: string;
  title: string;
  description: string;
  severity: 'normal' | 'high';
};

/**
 * Tells people about the calendar through the Backstage notifications
 * service: consumers' owners when an entry reaches them or its date moves,
 * reminders before the date, and when they are overdue; providers' owners
 * when everyone acknowledged and when someone is overdue. Every message about
 * one entry and consumer shares a scope, so it updates instead of piling up.
 */
export class CalendarNotifier {
  constructor(
    private readonly options: {
      calendarService: CalendarService;
      calendarStore: CalendarStore;
      notifications: NotificationService;
      signals?: SignalsService;
      auth: AuthService;
      logger: LoggerService;
      reminderDays: number[];
      links: AppLinks;
    },
  ) {}

  /** Wire to CalendarService.onChange: refresh pages, notify at once. */
  readonly onChange: CalendarListener = async ({ type, entryId }) => {
    await this.options.signals?.publish({
      recipients: { type: 'broadcast' },
      channel: CALENDAR_SIGNAL_CHANNEL,
      message: { type, entryId },
    });
    try {
      const entry = await this.options.calendarService.get(
        entryId,
        await this.options.auth.getOwnServiceCredentials(),
      );
      await this.notify(entry, new Date());
    } catch (error) {
      this.options.logger.warn(
        `Calendar notifications for ${entryId} failed: ${error}`,
      );
    }
  };

  /** Every entry's due messages; run on a schedule for reminders and overdue ones. */
  async sweep(now: Date): Promise<number> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entries = await this.options.calendarService.list({}, credentials);
    let sent = 0;
    for (const entry of entries) sent += await this.notify(entry, now);
    return sent;
  }

  private messages(entry: CalendarEntry, now: Date): Message[] {
    const api = nameOf(entry.apiRef);
    const scopeTitle =
      entry.origin === 'detected' ? entry.title : `${api}: ${entry.title}`;
    const messages: Message[] = [];
    const due = dateOf(entry.acknowledgeBy);
    for (const consumer of entry.consumers) {
      if (!consumer.consumerOwnerRef) continue;
      const base = {
        recipients: [consumer.consumerOwnerRef],
        about: consumer.consumerRef,
      };
      const who = nameOf(consumer.consumerRef);
      if (entry.cancelledAt) {
        messages.push({
          ...base,
          kind: 'cancelled',
          title: `Cancelled: ${scopeTitle}`,
          description: `The owners of ${api} cancelled this change; ${who} need not do anything.`,
          severity: 'normal',
        });
        continue;
      }
      messages.push({
        ...base,
        kind: `entry:${entry.effectiveAt}`,
        title: `Breaking change for ${who}: ${scopeTitle}`,
        description: `${
          entry.sequence > 0 ? 'Its date moved. ' : ''
        }Effective ${dateOf(
          entry.effectiveAt,
        )}; acknowledge for ${who} by ${due}.`,
        severity: 'normal',
      });
      if (consumer.state === 'overdue') {
        messages.push({
          ...base,
          kind: `overdue:${entry.acknowledgeBy}`,
          title: `Overdue: ${scopeTitle}`,
          description: `${who} has not acknowledged this change, due ${due}.`,
          severity: 'high',
        });
      } else if (consumer.state === 'pending') {
        const daysLeft =
          (Date.parse(entry.acknowledgeBy) - now.getTime()) / DAY;
        // Only the nearest lead time applies, so a late entry gets one reminder.
        const lead = [...this.options.reminderDays]
          .sort((a, b) => a - b)
          .find(d => daysLeft <= d);
        if (lead !== undefined && daysLeft > 0) {
          messages.push({
            ...base,
            kind: `reminder:${lead}:${entry.acknowledgeBy}`,
            title: `Reminder: ${scopeTitle}`,
            description: `${who} has ${Math.ceil(
              daysLeft,
            )} day(s) left to acknowledge, by ${due}.`,
            severity: 'normal',
          });
        }
      }
      // Sent last, under the same scope, so it is the message the owners see.
      if (consumer.needsReacknowledgement) {
        const previous = consumer.previousAcknowledgement;
        messages.push({
          ...base,
          kind: `reacknowledge:${entry.scopeRevision}`,
          title: `Acknowledge again for ${who}: ${scopeTitle}`,
          description: `The owners of ${api} moved this change earlier or changed what it touches${
            previous ? ` after ${nameOf(previous.byRef)} acknowledged it` : ''
          }; that acknowledgement no longer counts. Effective ${dateOf(
            entry.effectiveAt,
          )}; acknowledge for ${who} again by ${due}.`,
          severity: 'high',
        });
      }
    }
    if (
      !entry.cancelledAt &&
      entry.providerOwnerRefs.length > 0 &&
      entry.consumers.length > 0
    ) {
      const base = { recipients: entry.providerOwnerRefs, about: 'provider' };
      if (entry.consumers.every(c => c.state === 'acknowledged')) {
        messages.push({
          ...base,
          kind: `all-acknowledged:${entry.sequence}`,
          title: `All consumers acknowledged: ${scopeTitle}`,
          description: `${entry.consumers.length} consumer(s) of ${api} acknowledged.`,
          severity: 'normal',
        });
      }
      const overdue = entry.consumers.filter(c => c.state === 'overdue');
      if (overdue.length > 0) {
        messages.push({
          ...base,
          kind: `overdue:${entry.acknowledgeBy}`,
          title: `Overdue: ${scopeTitle}`,
          description: `Not acknowledged by ${overdue
            .map(c => nameOf(c.consumerRef))
            .join(', ')}, due ${due}.`,
          severity: 'high',
        });
      }
    }
    return messages;
  }

  private async notify(entry: CalendarEntry, now: Date): Promise<number> {
    let sent = 0;
    for (const message of this.messages(entry, now)) {
      if (
        !(await this.options.calendarStore.markNotified(
          entry.id,
          message.about,
          message.kind,
          now,
        ))
      ) {
        continue;
      }
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: message.recipients },
          payload: {
            title: message.title,
            description: message.description,
            link: this.options.links.calendarEntry(entry.id),
            severity: message.severity,
            topic: 'Breaking-change calendar',
            scope: `integration-health:calendar:${entry.id}:${message.about}`,
          },
        });
        sent++;
      } catch (error) {
        // Not marked as sent, so the next sweep tries again.
        await this.options.calendarStore.unmarkNotified(
          entry.id,
          message.about,
          message.kind,
        );
        this.options.logger.warn(
          `Could not send a calendar notification: ${error}`,
        );
      }
    }
    return sent;
  }
}
