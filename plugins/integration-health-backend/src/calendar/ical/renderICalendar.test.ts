import ICAL from 'ical.js';
import { renderICalendar } from './renderICalendar';

describe('renderICalendar', () => {
  it('escapes text and folds long lines so that a parser reads back exactly what was meant', () => {
    const description =
      'Zahlungsverkehr: «accountId» → «accountRef»; see, for example, the wiki\\page. '.repeat(
        4,
      );
    const text = renderICalendar({
      name: 'Breaking changes for ledger',
      entries: [
        {
          id: 'e1',
          origin: 'announced',
          apiRef: 'api:default/transaction-events',
          title: 'Rename, then remove; accountId',
          description,
          operations: [],
          changes: [],
          effectiveAt: '2026-12-31T00:00:00.000Z',
          acknowledgeBy: '2026-12-31T00:00:00.000Z',
          sequence: 2,
          revision: 3,
          scopeRevision: 0,
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-02T00:00:00.000Z',
          providerOwnerRefs: [],
          consumers: [],
        },
      ],
      link: () =>
        'https://portal.example.com/integration-health/calendar?entry=e1',
      now: new Date('2026-11-22T12:00:00Z'),
    });
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe(
      'Rename, then remove; accountId (0/0 acknowledged)',
    );
    expect(event.description.startsWith(description.trim())).toBe(true);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toString()).toBe('2026-12-31');
    expect(event.endDate.toString()).toBe('2027-01-01');
  });

  it('keeps stored text inside its property: a bare CR, CRLF or control character cannot start a new line', () => {
    const injected = 'Harmless\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:forged';
    const text = renderICalendar({
      name: 'Feed\r\nX-INJECTED:1',
      entries: [
        {
          id: 'e1',
          origin: 'announced',
          apiRef: 'api:default/transaction-events',
          title: injected,
          description: 'line one\nline two\u0007\u0000',
          migrationUrl: 'https://wiki.example.com/x\rX-URL:1',
          operations: [],
          changes: [],
          effectiveAt: '2026-12-31T00:00:00.000Z',
          acknowledgeBy: '2026-12-31T00:00:00.000Z',
          sequence: 1,
          revision: 1,
          scopeRevision: 0,
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-02T00:00:00.000Z',
          providerOwnerRefs: [],
          consumers: [],
        },
      ],
      link: () => 'https://portal.example.com/calendar?entry=e1\r\nX-LINK:1',
      now: new Date('2026-11-22T12:00:00Z'),
    });
    // Every line break in the output is a CRLF that ends a content line.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(calendar.getFirstPropertyValue('x-injected')).toBeNull();
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(
      'Harmless\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged (0/0 acknowledged)',
    );
    expect(event.description).toContain('line one\nline two');
    expect(event.description).not.toContain('\u0000');
    expect(event.description).not.toContain('\u0007');
    expect(event.component.getFirstPropertyValue('url')).toBe(
      'https://portal.example.com/calendar?entry=e1X-LINK:1',
    );
  });

  it('shows a consumer whose acknowledgement an edit invalidated as needing to acknowledge again, with who had acknowledged', () => {
    const text = renderICalendar({
      name: 'Breaking changes for ledger',
      entries: [
        {
          id: 'e1',
          origin: 'announced',
          apiRef: 'api:default/transaction-events',
          title: 'accountId becomes accountRef',
          operations: [],
          changes: [],
          effectiveAt: '2026-12-10T00:00:00.000Z',
          acknowledgeBy: '2026-12-10T00:00:00.000Z',
          sequence: 1,
          revision: 2,
          scopeRevision: 1,
          createdAt: '2026-11-01T00:00:00.000Z',
          updatedAt: '2026-11-21T00:00:00.000Z',
          providerOwnerRefs: [],
          consumers: [
            {
              consumerRef: 'component:default/ledger',
              integrationId: 'i1',
              state: 'pending',
              needsReacknowledgement: true,
              previousAcknowledgement: {
                action: 'acknowledged',
                byRef: 'user:default/mei',
                at: '2026-11-20T09:00:00.000Z',
                scopeRevision: 0,
              },
            },
          ],
        },
      ],
      link: () => 'https://portal.example.com/calendar?entry=e1',
      now: new Date('2026-11-22T12:00:00Z'),
    });
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe(
      'accountId becomes accountRef (0/1 acknowledged)',
    );
    expect(event.description).toContain(
      'ledger: pending, needs re-acknowledgement (acknowledged by mei on 2026-11-20, before the entry changed)',
    );
  });
});
