/**
 * Extension points of the Integration Health backend, for adopters' backend
 * modules.
 *
 * @packageDocumentation
 */
export {
  integrationHealthSpecHistoryExtensionPoint,
  type IntegrationHealthSpecHistoryExtensionPoint,
  type SpecHistorySeed,
} from './specHistory';
export {
  integrationHealthEvidenceExtensionPoint,
  type CollectedEvidence,
  type CollectedMocks,
  type CollectedVerification,
  type EvidenceSource,
  type EvidenceSubject,
  type IntegrationHealthEvidenceExtensionPoint,
  type MockDocument,
} from './evidenceSources';
export {
  integrationHealthObservationsExtensionPoint,
  type CollectedObservations,
  type IntegrationHealthObservationsExtensionPoint,
  type ObservationSource,
  type ObservedCalls,
  type ObservedEdgeName,
} from './observationSources';
export { fetchBounded, type BoundedResponse } from './fetchBounded';
export {
  readHttpSourceConfig,
  type HttpSourceConfig,
} from './httpSourceConfig';
export { Pacticipants } from './Pacticipants';
export { mapConcurrently } from './mapConcurrently';
export {
  decodeSourceCursor,
  encodeSourceCursor,
  isRecordOf,
  type SourceCursor,
} from './sourceCursor';
export {
  DEFAULT_FULL_READ_INTERVAL_MS,
  readFullReadInterval,
} from './fullReadInterval';
export { parseLenientJson } from './parseLenientJson';
export {
  CATALOG_CHANGES_TOPIC,
  CATALOG_CHANGE_KINDS,
  catalogChangeFingerprint,
  type CatalogChangeEvent,
} from './catalogChanges';
export {
  LocationError,
  readDirectoryFiles,
  readEntityLocation,
  readEntityLocationSince,
  readUrlFiles,
  type LocationFile,
  type LocationRead,
  type LocationLimits,
  type LocationRules,
} from './readLocationFiles';
export {
  integrationHealthHealthHistoryExtensionPoint,
  integrationHealthMigrationHistoryExtensionPoint,
  type HealthHistorySeed,
  type IntegrationHealthHealthHistoryExtensionPoint,
  type IntegrationHealthMigrationHistoryExtensionPoint,
  type MigrationHistorySeed,
} from './migrationHistory';
