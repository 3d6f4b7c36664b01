import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect } from 'react';

/** The channel the backend signals on whenever the calendar changes. */
export const CALENDAR_SIGNAL_CHANNEL = 'integration-health:calendar';

/** Calls `reload` whenever the backend says the calendar changed. */
export function useCalendarSignal(reload: () => void) {
  const { lastSignal } = useSignal(CALENDAR_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) reload();
  }, [lastSignal]); // eslint-disable-line react-hooks/exhaustive-deps
}
