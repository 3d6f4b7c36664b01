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
      };
    };
  };
}
