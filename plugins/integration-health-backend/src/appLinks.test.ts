import { ConfigReader } from '@backstage/config';
import { AppLinks } from './appLinks';

describe('AppLinks', () => {
  it("points at the plugin's default pages and the catalog's entity route", () => {
    const links = AppLinks.fromConfig(
      new ConfigReader({ app: { baseUrl: 'https://portal.example.com' } }),
    );
    expect(links.calendarEntry('e 1')).toBe(
      '/integration-health/calendar?entry=e%201',
    );
    expect(links.entityIntegrations('component:default/ledger')).toBe(
      '/catalog/default/component/ledger/integrations',
    );
    expect(links.baseUrl).toBe('https://portal.example.com');
  });

  it('follows an app that mounts the pages elsewhere', () => {
    const links = AppLinks.fromConfig(
      new ConfigReader({
        integrationHealth: {
          links: {
            calendarPath: '/health/calendar',
            entityPath: '/services/{kind}/{namespace}/{name}',
          },
        },
      }),
    );
    expect(links.calendarEntry('e1')).toBe('/health/calendar?entry=e1');
    expect(links.entityIntegrations('API:payments/events')).toBe(
      '/services/api/payments/events/integrations',
    );
  });

  it('refuses a link that is not a path in the app', () => {
    expect(() =>
      AppLinks.fromConfig(
        new ConfigReader({
          integrationHealth: {
            links: { calendarPath: 'https://elsewhere.example/x' },
          },
        }),
      ),
    ).toThrow(
      'integrationHealth.links.calendarPath must be a path starting with /',
    );
  });
});
