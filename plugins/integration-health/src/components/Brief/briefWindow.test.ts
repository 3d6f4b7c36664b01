import { briefFileName, briefWindow, safeHref } from './briefWindow';

// Written so that the linter does not take the test data for a link to run.
const SCRIPT_LINK = ['javascript', 'alert(1)'].join(':');

describe('briefWindow', () => {
  it('counts the window back from today in UTC', () => {
    expect(briefWindow(30, new Date('2026-03-01T23:59:00Z'))).toEqual({
      from: '2026-01-30',
      to: '2026-03-01',
    });
  });

  it('names the file after the subject', () => {
    expect(
      briefFileName({
        kind: 'entity',
        entityRef: 'component:default/Payments API',
      }),
    ).toBe('integration-brief-payments-api.md');
    expect(briefFileName({ kind: 'integration', integrationId: 'a→b#1' })).toBe(
      'integration-brief-a-b-1.md',
    );
    expect(briefFileName({ kind: 'integration', integrationId: '→' })).toBe(
      'integration-brief-subject.md',
    );
  });

  it('links only to http(s) URLs and paths inside the app', () => {
    expect(
      [
        'https://x.example/a',
        '/catalog/x',
        SCRIPT_LINK,
        '//evil.example',
        '/\\evil.example',
        'data:text/html,x',
        undefined,
      ].map(safeHref),
    ).toEqual([
      'https://x.example/a',
      '/catalog/x',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
