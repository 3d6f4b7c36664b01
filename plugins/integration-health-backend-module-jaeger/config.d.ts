export interface Config {
  integrationHealth?: {
    observations?: {
      /** A Jaeger query service to read which service called which. */
      jaeger?: {
        /** Where Jaeger's query API is, e.g. `http://jaeger-query:16686`. */
        baseUrl: string;
        /**
         * How far back each sync looks, in minutes, from 1 to 10080 (a week);
         * default 60.
         */
        lookbackMinutes?: number;
        /**
         * Headers sent with every request, e.g. `Authorization`. They go to
         * the base URL's origin only: redirects are refused.
         *
         * @deepVisibility secret
         */
        headers?: { [name: string]: string };
        /** Seconds one request may take, from 1 to 300; default 30. */
        timeoutSeconds?: number;
      };
    };
  };
}
