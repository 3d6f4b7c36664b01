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

/**
 * The Integration Health plugin for the new frontend system: adds the
 * Integrations tab to component, API and resource pages, and the integration
 * health card to their overviews and to groups, systems and domains, and the
 * breaking-change calendar page (in the nav).
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
    calendarPage,
    scorecardPage,
  ],
});
