export interface Config {
  /** Settings of the demo backend only. */
  integrationHealthDemo?: {
    /**
     * The demo APIs' recorded history (examples/history.yaml), relative to
     * the backend's working directory. Without it, no history is seeded.
     */
    specHistoryFile?: string;
    /**
     * Contract verifications the demo's pipelines reported
     * (examples/evidence.yaml). Without it, the demo has no evidence source.
     */
    evidenceFile?: string;
    /**
     * Recorded traffic between the demo's services
     * (examples/observations.yaml), reported as the last hour's. Without it,
     * the demo has no observation source.
     */
    observationsFile?: string;
    /**
     * When transactions-db's first migrations were applied
     * (examples/databases/transactions-db/recorded-history.yaml), handed
     * over as recorded history. Without it, every migration on first start
     * is history and none goes on the calendar.
     */
    migrationHistoryFile?: string;
    /**
     * The demo integrations' daily health over the 90 days before the portal
     * started (examples/health-history.yaml), handed over as recorded
     * history. Without it, trends start on first start.
     */
    healthHistoryFile?: string;
  };
}
