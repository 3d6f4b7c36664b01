import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogForCallers } from './catalogForCallers';

describe('catalogForCallers', () => {
  it("asks the catalog with a user's own credentials and for a service with the plugin's", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => undefined),
      getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
    });
    const auth = mockServices.auth({ pluginId: 'integration-health' });
    const wrapped = catalogForCallers(catalog, auth);
    const user = mockCredentials.user('user:default/mei');
    const pipeline = mockCredentials.service('external:orders-ci', {
      permissionNames: ['integration-health.evidence.push'],
    });

    await wrapped.getEntityByRef('api:default/a', { credentials: user });
    await wrapped.getEntitiesByRefs(
      { entityRefs: ['api:default/a'] },
      { credentials: pipeline },
    );

    expect(catalog.getEntityByRef).toHaveBeenCalledWith('api:default/a', {
      credentials: user,
    });
    const [, options] = (catalog.getEntitiesByRefs as jest.Mock).mock.calls[0];
    expect(options.credentials.principal).toEqual(
      expect.objectContaining({
        type: 'service',
        subject: 'plugin:integration-health',
      }),
    );
    expect(options.credentials.principal.accessRestrictions).toBeUndefined();
  });
});
