import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  entitySignalKey,
  INTEGRATIONS_SIGNAL_CHANNEL,
} from '@integration-health/plugin-integration-health-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { fakeSignals } from '../testUtils/fakeSignals';
import { useIntegrationsSignal } from './useIntegrationsSignal';

describe('useIntegrationsSignal', () => {
  it("reloads when the backend names the page's entity or says anything may have changed, not for other entities", () => {
    const backend = fakeSignals();
    const reload = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, backend.api]]}>
        {children}
      </TestApiProvider>
    );
    renderHook(
      () => useIntegrationsSignal(reload, ['component:default/payments']),
      { wrapper },
    );

    act(() =>
      backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {
        entityKeys: [entitySignalKey('component:default/ledger')],
      }),
    );
    expect(reload).not.toHaveBeenCalled();
    act(() =>
      backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {
        entityKeys: [entitySignalKey('component:default/payments')],
      }),
    );
    expect(reload).toHaveBeenCalledTimes(1);
    act(() => backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {}));
    expect(reload).toHaveBeenCalledTimes(2);
    act(() => backend.send('integration-health:calendar', {}));
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
