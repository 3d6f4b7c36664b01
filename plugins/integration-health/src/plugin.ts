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
 * components, APIs, resources, groups, systems and domains.
 *
 * @public
 */
export const EntityIntegrationHealthSummaryCard =
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
 * The Integrations tab content for an entity page (legacy frontend system):
 * `<EntityLayout.Route path="/integrations" title="Integrations"><EntityIntegrationHealthContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityIntegrationHealthContent = integrationHealthPlugin.provide(
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
export const IntegrationHealthCalendarPage = integrationHealthPlugin.provide(
  createRoutableExtension({
    name: 'IntegrationHealthCalendarPage',
    component: () => import('./components/Calendar').then(m => m.CalendarPage),
    mountPoint: calendarRouteRef,
  }),
);

/**
 * The cross-team scorecard page (legacy frontend system):
 * `<Route path="/integration-health/scorecard" element={<IntegrationHealthScorecardPage />} />`.
 *
 * @public
 */
export const IntegrationHealthScorecardPage = integrationHealthPlugin.provide(
  createRoutableExtension({
    name: 'IntegrationHealthScorecardPage',
    component: () =>
      import('./components/Scorecard').then(m => m.ScorecardPage),
    mountPoint: scorecardRouteRef,
  }),
);
