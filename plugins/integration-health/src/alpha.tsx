/**
 * Integration Health for apps on the new frontend system: the plugin, its
 * API, entity content, entity cards and pages as extensions.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { RiCalendarEventLine, RiDashboardLine } from '@remixicon/react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { IntegrationHealthClient, integrationHealthApiRef } from './api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  calendarRouteRef as legacyCalendarRouteRef,
  scorecardRouteRef as legacyScorecardRouteRef,
} from './routes';

const integrationHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: integrationHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegrationHealthClient({ discoveryApi, fetchApi }),
    }),
});

const entityIntegrationsContent = EntityContentBlueprint.make({
  name: 'integrations',
  params: {
    path: '/integrations',
    title: 'Integrations',
    filter: { kind: { $in: ['component', 'api', 'resource'] } },
    loader: () =>
      import('./components/EntityIntegrationsContent').then(m => (
        <m.EntityIntegrationsContent />
      )),
  },
});

// The legacy route refs, converted, so that the components both frontend
// systems share can link to the pages with useRouteRef.
const calendarRouteRef = convertLegacyRouteRef(legacyCalendarRouteRef);

const calendarPage = PageBlueprint.make({
  params: {
    path: '/integration-health/calendar',
    routeRef: calendarRouteRef,
    title: 'Calendar',
    icon: <RiCalendarEventLine />,
    loader: () => import('./components/Calendar').then(m => <m.CalendarPage />),
  },
});

const scorecardRouteRef = convertLegacyRouteRef(legacyScorecardRouteRef);

const scorecardPage = PageBlueprint.make({
  name: 'scorecard',
  params: {
    path: '/integration-health/scorecard',
    routeRef: scorecardRouteRef,
    title: 'Scorecard',
    icon: <RiDashboardLine />,
    loader: () =>
      import('./components/Scorecard').then(m => <m.ScorecardPage />),
  },
});

const entityHealthSummaryCard = EntityCardBlueprint.make({
  name: 'health-summary',
  params: {
    filter: {
      kind: {
        $in: ['component', 'api', 'resource', 'group', 'system', 'domain'],
      },
    },
    loader: () =>
      import('./components/HealthSummaryCard').then(m => (
        <m.HealthSummaryCard />
      )),
  },
});

// The cards below are also in the Integrations tab; they are off by default
// so that the default layout stays the tab plus the health card. Enable them
// in app-config (`app.extensions: - entity-card:integration-health/<name>`)
// to place them on the overview as well.

const entitySpecHistoryCard = EntityCardBlueprint.make({
  name: 'spec-history',
  disabled: true,
  params: {
    filter: { kind: 'api' },
    loader: () =>
      import('./components/SpecHistoryCard').then(m => (
        <m.EntitySpecHistoryCard />
      )),
  },
});

const entityBreakingChangesCard = EntityCardBlueprint.make({
  name: 'breaking-changes',
  disabled: true,
  params: {
    filter: { kind: { $in: ['api', 'component'] } },
    loader: () =>
      import('./components/BreakingChangesCard').then(m => (
        <m.EntityBreakingChangesCard />
      )),
  },
});

const entityIncidentsCard = EntityCardBlueprint.make({
  name: 'incidents',
  disabled: true,
  params: {
    filter: { kind: { $in: ['component', 'api', 'resource'] } },
    loader: () =>
      import('./components/Incidents').then(m => <m.EntityIncidentsCard />),
  },
});

const entityDependencyMapCard = EntityCardBlueprint.make({
  name: 'dependency-map',
  disabled: true,
  params: {
    filter: { kind: { $in: ['component', 'resource'] } },
    loader: () =>
      import('./components/DependencyMap').then(m => (
        <m.EntityDependencyMapCard />
      )),
  },
});

const entityCalendarCard = EntityCardBlueprint.make({
  name: 'calendar',
  disabled: true,
  params: {
    filter: { kind: { $in: ['component', 'api', 'resource'] } },
    loader: () =>
      import('./components/Calendar').then(m => <m.EntityCalendarCard />),
  },
});

/**
 * The Integration Health plugin for the new frontend system.
 *
 * Enabled by default: the Integrations tab on component, API and resource
 * pages (`entity-content:integration-health/integrations`), the integration
 * health card on the overviews of components, APIs, resources, groups,
 * systems and domains (`entity-card:integration-health/health-summary`), the
 * breaking-change calendar page (`page:integration-health`, in the nav) and
 * the scorecard page (`page:integration-health/scorecard`).
 *
 * Disabled by default, to enable in `app.extensions` where wanted:
 * `entity-card:integration-health/spec-history` (APIs),
 * `entity-card:integration-health/breaking-changes` (APIs, components),
 * `entity-card:integration-health/incidents` (components, APIs, resources),
 * `entity-card:integration-health/dependency-map` (components, resources) and
 * `entity-card:integration-health/calendar` (components, APIs, resources).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'integration-health',
  info: { packageJson: () => import('../package.json') },
  routes: { calendar: calendarRouteRef, scorecard: scorecardRouteRef },
  extensions: [
    integrationHealthApi,
    entityIntegrationsContent,
    entityHealthSummaryCard,
    entitySpecHistoryCard,
    entityBreakingChangesCard,
    entityIncidentsCard,
    entityDependencyMapCard,
    entityCalendarCard,
    calendarPage,
    scorecardPage,
  ],
});
