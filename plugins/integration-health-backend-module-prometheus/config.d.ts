export interface Config {
  integrationHealth?: {
    observations?: {
      /**
       * A Prometheus (or a server with its query API, e.g. Thanos, Mimir)
       * holding service-graph metrics, as the OpenTelemetry Collector's
       * `servicegraph` connector and Grafana Tempo's metrics generator
       * emit them.
       */
      prometheus?: {
        /** Where the query API is, e.g. `http://prometheus:9090`. */
        baseUrl: string;
        /** The window counted on each sync, in minutes, from 1 to 10080; default 60. */
        windowMinutes?: number;
        /**
         * Headers sent with every request, e.g. `Authorization` or
         * `X-Scope-OrgID`. They go to the base URL's origin only: redirects
         * are refused.
         *
         * @deepVisibility secret
         */
        headers?: { [name: string]: string };
        /** Seconds one query may take, from 1 to 300; default 30. */
        timeoutSeconds?: number;
        /** Metric names, when an exporter renamed or prefixed them. */
        metrics?: {
          /** Default `traces_service_graph_request_total`. */
          requestTotal?: string;
          /** Default `traces_service_graph_request_failed_total`. */
          requestFailedTotal?: string;
          /** Default `traces_service_graph_request_server_seconds_bucket`. */
          requestServerSecondsBucket?: string;
        };
        /** Label names, when an exporter renamed them. */
        labels?: {
          /** Default `client`. */
          client?: string;
          /** Default `server`. */
          server?: string;
          /** Default `connection_type`. */
          connectionType?: string;
        };
      };
    };
  };
}
