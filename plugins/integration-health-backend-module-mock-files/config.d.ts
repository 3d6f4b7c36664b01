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
      };
    };
  };
}
