/** A signal API whose messages a test sends by hand (inside `act`). */
export function fakeSignals() {
  const listeners = new Map<string, ((message: any) => void)[]>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
        return { unsubscribe: () => {} };
      },
    },
    send(channel: string, message: object) {
      listeners.get(channel)?.forEach(l => l(message));
    },
  };
}
