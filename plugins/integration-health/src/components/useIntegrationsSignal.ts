import { useSignal } from '@backstage/plugin-signals-react';
import {
  entitySignalKey,
  INTEGRATIONS_SIGNAL_CHANNEL,
  IntegrationsChangedSignal,
} from '@integration-health/plugin-integration-health-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `reload` when the backend says integrations, specs or scores changed
 * for one of `entityRefs` (any entity, when not given), so an open page
 * shows a catalog change within seconds without polling.
 */
export function useIntegrationsSignal(
  reload: () => void,
  entityRefs?: string[],
) {
  const { lastSignal } = useSignal<IntegrationsChangedSignal>(
    INTEGRATIONS_SIGNAL_CHANNEL,
  );
  const latest = useRef({ reload, entityRefs });
  latest.current = { reload, entityRefs };
  useEffect(() => {
    if (!lastSignal) return;
    const { entityKeys } = lastSignal;
    const watched = latest.current.entityRefs;
    if (
      !entityKeys ||
      !watched ||
      watched.some(ref => entityKeys.includes(entitySignalKey(ref)))
    ) {
      latest.current.reload();
    }
  }, [lastSignal]);
}
