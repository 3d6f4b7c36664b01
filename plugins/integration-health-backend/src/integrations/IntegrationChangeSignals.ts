import { SignalsService } from '@backstage/plugin-signals-node';
import {
  entitySignalKey,
  INTEGRATIONS_SIGNAL_CHANNEL,
  IntegrationsChangedSignal,
} from '@integration-health/plugin-integration-health-common';

/** Past this many entities, the message says "anything may have changed". */
const MAX_KEYS = 500;

/**
 * Tells open pages that integrations, specs or scores changed, so they load
 * them again instead of polling.
 */
export class IntegrationChangeSignals {
  constructor(private readonly signals: SignalsService) {}

  async changed(entityRefs: string[] | 'all'): Promise<void> {
    const message: IntegrationsChangedSignal =
      entityRefs === 'all' || entityRefs.length > MAX_KEYS
        ? {}
        : { entityKeys: [...new Set(entityRefs.map(entitySignalKey))] };
    if (message.entityKeys?.length === 0) return;
    await this.signals.publish({
      recipients: { type: 'broadcast' },
      channel: INTEGRATIONS_SIGNAL_CHANNEL,
      message,
    });
  }
}
