import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import {
  entitySignalKey,
  INTEGRATIONS_SIGNAL_CHANNEL,
} from '@integration-health/plugin-integration-health-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { useIntegrationsSignal } from './useIntegrationsSignal';

function signals() {
  const listeners = new Map<string, ((message: any) => void)[]>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
        return { unsubscribe: () => {} };
      },
    },
    send(channel: string, message: object) {
      act(() => listeners.get(channel)?.forEach(l => l(message)));
    },
  };
}

describe('useIntegrationsSignal', () => {
  it("reloads when the backend names the page's entity or says anything may have changed, not for other entities", () => {
    const backend = signals();
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

    backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {
      entityKeys: [entitySignalKey('component:default/ledger')],
    });
    expect(reload).not.toHaveBeenCalled();
    backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {
      entityKeys: [entitySignalKey('component:default/payments')],
    });
    expect(reload).toHaveBeenCalledTimes(1);
    backend.send(INTEGRATIONS_SIGNAL_CHANNEL, {});
    expect(reload).toHaveBeenCalledTimes(2);
    backend.send('integration-health:calendar', {});
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
