import { createBackend } from '@backstage/backend-defaults';
import { demoEvidenceModule } from './modules/demoEvidenceModule';
import { demoObservationsModule } from './modules/demoObservationsModule';
import { demoSpecHistoryModule } from './modules/demoSpecHistoryModule';
import { demoMigrationHistoryModule } from './modules/demoMigrationHistoryModule';
import { demoHealthHistoryModule } from './modules/demoHealthHistoryModule';
import { permissionPolicyModule } from './modules/permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: the guest provider, for the demo and local development.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Tells Integration Health within seconds when an entity's relations, API
// definition or annotations change.
backend.add(
  import(
    '@integration-health/plugin-catalog-backend-module-integration-health'
  ),
);

backend.add(import('@backstage/plugin-permission-backend'));
// Allows everything except what the Integration Health rules restrict.
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@integration-health/plugin-integration-health-backend'));
// Integration Health's actions as MCP tools for assistants (/api/mcp-actions/v1).
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// Pact files and WireMock mappings that consumers declare by annotation.
backend.add(
  import(
    '@integration-health/plugin-integration-health-backend-module-mock-files'
  ),
);
// Demo only: the demo APIs' history before the portal first started.
backend.add(demoSpecHistoryModule);
backend.add(demoMigrationHistoryModule);
backend.add(demoHealthHistoryModule);
backend.add(demoEvidenceModule);
backend.add(demoObservationsModule);

backend.start();
