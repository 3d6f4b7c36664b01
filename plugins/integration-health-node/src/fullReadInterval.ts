import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

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
  if (!section?.has('fullReadInterval')) return 24 * 60 * 60 * 1000;
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
