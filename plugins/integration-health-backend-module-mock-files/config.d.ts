import { HumanDuration } from '@backstage/types';

export interface Config {
  integrationHealth?: {
    evidence?: {
      /** Pact files and WireMock mappings declared by consumers; see the README. */
      mockFiles?: {
        /**
         * Directories `dir:` locations may point into (after resolving
         * symlinks). Without any, only `url:` locations are read.
         */
        allowedDirectories?: string[];
        /**
         * A sync reads only the locations whose files changed since the last
         * sync (names, sizes and times for `dir:`, the reader's ETag for
         * `url:`); every location is read again once the last full read is
         * this old. Defaults to a day, e.g. `{ hours: 6 }` or `PT6H`.
         */
        fullReadInterval?: HumanDuration | string;
      };
    };
  };
}
