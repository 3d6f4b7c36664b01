import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * A day: how long a source that reads only what changed goes between full
 * reads unless configured otherwise.
 *
 * @public
 */
export const DEFAULT_FULL_READ_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * How long an evidence source that reads only what changed between syncs
 * may go before it reads everything again: `fullReadInterval` of the
 * section (`{ hours: 6 }` or `PT6H`), a day when unset. In milliseconds;
 * a clear error for a duration that is not positive.
 *
 * @public
 */
export function readFullReadInterval(
  section: ReturnType<RootConfigService['getConfig']> | undefined,
): number {
  if (!section?.has('fullReadInterval')) return DEFAULT_FULL_READ_INTERVAL_MS;
  const ms = durationToMilliseconds(
    readDurationFromConfig(section, { key: 'fullReadInterval' }),
  );
  if (!(ms > 0)) {
    throw new Error(
      `${
        section.getOptionalString('fullReadInterval') ?? 'fullReadInterval'
      } is not a positive duration`,
    );
  }
  return ms;
}
