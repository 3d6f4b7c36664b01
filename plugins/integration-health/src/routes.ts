import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The calendar page's route, for apps on the legacy frontend system.
 *
 * @public
 */
export const calendarRouteRef = createRouteRef({
  id: 'integration-health:calendar',
});

/**
 * The scorecard page's route, for apps on the legacy frontend system.
 *
 * @public
 */
export const scorecardRouteRef = createRouteRef({
  id: 'integration-health:scorecard',
});
