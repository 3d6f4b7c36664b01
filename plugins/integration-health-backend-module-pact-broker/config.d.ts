import { HumanDuration } from '@backstage/types';

export interface Config {
  integrationHealth?: {
    evidence?: {
      /** A Pact Broker (or PactFlow) to read pacts and verifications from. */
      pactBroker?: {
        baseUrl: string;
        /** Bearer token (PactFlow); or username and password for basic auth. */
        /** @visibility secret */
        token?: string;
        username?: string;
        /** @visibility secret */
        password?: string;
        /** The broker environment that is production. Defaults to `production`. */
        productionEnvironment?: string;
        /**
         * Broker integrations read at once on each sync, from 1 to 32
         * (default 8): each costs two or three requests.
         */
        concurrency?: number;
        /**
         * Where the broker serves its dashboard (`/dashboard`), a sync reads
         * only the integrations whose latest pact, verification or production
         * deployment changed since the last sync; every integration is read
         * again once the last full read is this old. Defaults to a day, e.g.
         * `{ hours: 6 }` or `PT6H`.
         */
        fullReadInterval?: HumanDuration | string;
      };
    };
  };
}
