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
      };
    };
  };
}
