/**
 * Integration Health: owned, measured service-to-service integrations on
 * catalog entity pages. This entry point serves the legacy frontend system;
 * `./alpha` serves the new one.
 *
 * @packageDocumentation
 */
export {
  integrationHealthPlugin,
  EntityIntegrationHealthContent,
  EntityIntegrationHealthSummaryCard,
  EntityIntegrationHealthSpecHistoryCard,
  EntityIntegrationHealthBreakingChangesCard,
  EntityIntegrationHealthIncidentsCard,
  EntityIntegrationHealthDependencyMapCard,
  EntityIntegrationHealthCalendarCard,
  IntegrationHealthCalendarPage,
  IntegrationHealthScorecardPage,
  scorecardRouteRef,
  calendarRouteRef,
} from './plugin';
export {
  integrationHealthApiRef,
  IntegrationHealthClient,
  type IntegrationHealthApi,
} from './api';
export { isIntegrationHealthAvailable } from './isIntegrationHealthAvailable';
