import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ScoreExplanation } from '@integration-health/plugin-integration-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScoreBadge } from './ScoreBadge';

const score: ScoreExplanation = {
  value: 42,
  tier: 'verified-in-production',
  summary: 'The newest verification failed',
  adjustments: [],
  evidence: [],
  inputs: {},
};

describe('ScoreBadge', () => {
  it('names the score and its band in words, and shows its band by a shape, not colour alone', async () => {
    await renderInTestApp(
      <>
        <ScoreBadge title="Contract freshness" score={score} />
        <ScoreBadge title="Mock freshness" />
      </>,
    );
    const badge = screen.getByRole('button', {
      name: 'Contract freshness: 42, poor. Show why',
    });
    expect(badge.querySelector('svg[aria-hidden]')).not.toBeNull();
    expect(
      screen.getByRole('button', { name: 'Mock freshness: unknown. Show why' }),
    ).toHaveTextContent('unknown');
  });

  it('opens its explanation as a dialog named by its title, keeps the focus inside, and returns it on close', async () => {
    await renderInTestApp(
      <ScoreBadge title="Contract freshness" score={score} />,
    );
    const badge = screen.getByRole('button', { name: /^Contract freshness/ });
    badge.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {
      name: 'Contract freshness: 42',
    });
    expect(
      within(dialog).getByText('The newest verification failed.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(dialog).toContainElement(document.activeElement as HTMLElement),
    );
    // Tabbing cycles within the dialog.
    for (let i = 0; i < 3; i++) {
      await userEvent.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(badge).toHaveFocus());
  });
});
