import { eventsApiIntegrations } from '../../testUtils/fixtures';
import { summarizeIntegrations } from './summarizeIntegrations';

describe('summarizeIntegrations', () => {
  it('rolls integrations up as the backend rolls up entities: means over those with a score, evidence share, owners missing', () => {
    const { downstream } = eventsApiIntegrations();
    expect(summarizeIntegrations(downstream, '2026-11-22')).toEqual({
      day: '2026-11-22',
      contract: 75,
      mock: 40,
      integrations: 3,
      withEvidence: 2,
      withoutAccountableOwner: 1,
    });
  });

  it('counts an integration listed twice once', () => {
    const [first] = eventsApiIntegrations().downstream;
    expect(
      summarizeIntegrations([first, first], '2026-11-22').integrations,
    ).toBe(1);
  });

  it('leaves the means unknown, not 0, without evidence', () => {
    const [, , unscored] = eventsApiIntegrations().downstream;
    const summary = summarizeIntegrations([unscored], '2026-11-22');
    expect(summary.contract).toBeUndefined();
    expect(summary.mock).toBeUndefined();
    expect(summary.withEvidence).toBe(0);
  });
});
