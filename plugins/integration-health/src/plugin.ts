import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { IntegrationHealthClient, integrationHealthApiRef } from './api';
import { calendarRouteRef, scorecardRouteRef } from './routes';

export { calendarRouteRef, scorecardRouteRef };

/**
 * The Integration Health plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const integrationHealthPlugin = createPlugin({
  id: 'integration-health',
  routes: { calendar: calendarRouteRef, scorecard: scorecardRouteRef },
  apis: [
    createApiFactory({
      api: integrationHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The integration health card for an entity's overview (legacy frontend
 * system): mean contract and mock freshness with their trend. Fits
 * components, APIs, resources, groups, systems and domains; on an API it
 * shows the current health of the integrations that go through it.
 *
 * @public
 */
export const EntityIntegrationHealthSummaryCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthSummaryCard',
      component: {
        lazy: () =>
          import('./components/HealthSummaryCard').then(
            m => m.HealthSummaryCard,
          ),
      },
    }),
  );

/**
 * The spec history card of an API entity (legacy frontend system): every
 * recorded definition, newest first, with the changes each brought. Place it
 * on API pages, e.g. inside `<EntitySwitch.Case if={isKind('api')}>`.
 *
 * @public
 */
export const EntityIntegrationHealthSpecHistoryCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthSpecHistoryCard',
      component: {
        lazy: () =>
          import('./components/SpecHistoryCard').then(
            m => m.EntitySpecHistoryCard,
          ),
      },
    }),
  );

/**
 * The breaking changes card (legacy frontend system): on an API page, the
 * API's own breaking changes; on a component page, those in the APIs it
 * consumes; each with the consumers it reaches.
 *
 * @public
 */
export const EntityIntegrationHealthBreakingChangesCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthBreakingChangesCard',
      component: {
        lazy: () =>
          import('./components/BreakingChangesCard').then(
            m => m.EntityBreakingChangesCard,
          ),
      },
    }),
  );

/**
 * The incidents card (legacy frontend system): the incidents at the
 * integrations of a component, API or resource, with their score timelines,
 * and a way for the owners of either side to record one.
 *
 * @public
 */
export const EntityIntegrationHealthIncidentsCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthIncidentsCard',
      component: {
        lazy: () =>
          import('./components/Incidents').then(m => m.EntityIncidentsCard),
      },
    }),
  );

/**
 * The dependency map card of a component or resource (legacy frontend
 * system): upstream and downstream to a chosen depth, with the blast radius
 * of a change to an API.
 *
 * @public
 */
export const EntityIntegrationHealthDependencyMapCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthDependencyMapCard',
      component: {
        lazy: () =>
          import('./components/DependencyMap').then(
            m => m.EntityDependencyMapCard,
          ),
      },
    }),
  );

/**
 * The breaking-change calendar card of a component, API or resource (legacy
 * frontend system): the dated changes that touch it, with their
 * acknowledgements.
 *
 * @public
 */
export const EntityIntegrationHealthCalendarCard: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthCalendarCard',
      component: {
        lazy: () =>
          import('./components/Calendar').then(m => m.EntityCalendarCard),
      },
    }),
  );

/**
 * The Integrations tab content for an entity page (legacy frontend system):
 * `<EntityLayout.Route path="/integrations" title="Integrations"><EntityIntegrationHealthContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityIntegrationHealthContent: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createComponentExtension({
      name: 'EntityIntegrationHealthContent',
      component: {
        lazy: () =>
          import('./components/EntityIntegrationsContent').then(
            m => m.EntityIntegrationsContent,
          ),
      },
    }),
  );

/**
 * The breaking-change calendar page (legacy frontend system): mount it at
 * `/integration-health/calendar`, where notifications link to:
 * `<Route path="/integration-health/calendar" element={<IntegrationHealthCalendarPage />} />`.
 *
 * @public
 */
export const IntegrationHealthCalendarPage: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createRoutableExtension({
      name: 'IntegrationHealthCalendarPage',
      component: () =>
        import('./components/Calendar').then(m => m.CalendarPage),
      mountPoint: calendarRouteRef,
    }),
  );

/**
 * The cross-team scorecard page (legacy frontend system):
 * `<Route path="/integration-health/scorecard" element={<IntegrationHealthScorecardPage />} />`.
 *
 * @public
 */
export const IntegrationHealthScorecardPage: () => JSX.Element | null =
  integrationHealthPlugin.provide(
    createRoutableExtension({
      name: 'IntegrationHealthScorecardPage',
      component: () =>
        import('./components/Scorecard').then(m => m.ScorecardPage),
      mountPoint: scorecardRouteRef,
    }),
  );
