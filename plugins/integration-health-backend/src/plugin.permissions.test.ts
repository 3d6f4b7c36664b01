import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { INTEGRATION_RESOURCE_TYPE } from '@integration-health/plugin-integration-health-common';
import request from 'supertest';
import {
  ownersPolicy,
  startPolicyBackend,
  user,
} from './__testUtils__/permissionHarness';

jest.setTimeout(30_000);

describe('assigning an accountable owner, with the permission framework deciding', () => {
  let backend: TestBackend;
  let integrationId: string;

  beforeAll(async () => {
    ({ backend, ledgerIntegrationId: integrationId } = await startPolicyBackend(
      ownersPolicy,
    ));
  });

  afterAll(() => backend.stop());

  const assign = (who: string, body: object) =>
    request(backend.server)
      .put(
        `/api/integration-health/v1/integrations/${integrationId}/accountable-owner`,
      )
      .set('Authorization', user(who))
      .send(body);

  it('refuses a user who owns neither side, and records nothing', async () => {
    const res = await assign('diego', { ownerRef: 'group:default/platform' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('Only the owners of'),
    });

    const history = await request(backend.server)
      .get(
        `/api/integration-health/v1/integrations/${integrationId}/accountable-owner/assignments`,
      )
      .set('Authorization', user('diego'));
    expect(history.body).toEqual({ assignments: [] });
  });

  it('refuses an unauthenticated call, and a service (only people assign owners)', async () => {
    const anonymous = await request(backend.server)
      .put(
        `/api/integration-health/v1/integrations/${integrationId}/accountable-owner`,
      )
      .send({ ownerRef: 'group:default/ledger' });
    expect(anonymous.status).toBe(401);

    const service = await request(backend.server)
      .put(
        `/api/integration-health/v1/integrations/${integrationId}/accountable-owner`,
      )
      .set('Authorization', mockCredentials.service.header())
      .send({ ownerRef: 'group:default/ledger' });
    expect(service.status).toBe(403);
  });

  it('lets the consumer side assign, shows it on the entity, and lets the provider side change it', async () => {
    const byConsumer = await assign('mei', {
      ownerRef: 'ledger',
      note: 'We run the replay tooling',
    });
    expect(byConsumer.status).toBe(200);
    expect(byConsumer.body).toMatchObject({
      accountableOwnerRef: 'group:default/ledger',
      accountableOwnerSource: 'assigned',
      accountableOwnerAssignment: {
        assignedBy: 'user:default/mei',
        note: 'We run the replay tooling',
      },
    });
    expect(byConsumer.body.findings.map((f: any) => f.id)).not.toContain(
      'accountable-owner-missing',
    );

    const tab = await request(backend.server)
      .get(
        '/api/integration-health/v1/entities/component/default/processing/integrations',
      )
      .set('Authorization', user('diego'));
    expect(
      tab.body.downstream.find((i: any) => i.id === integrationId),
    ).toMatchObject({ accountableOwnerRef: 'group:default/ledger' });

    const byProvider = await assign('amara', {
      ownerRef: 'group:default/payments',
    });
    expect(byProvider.status).toBe(200);
    expect(byProvider.body.accountableOwnerRef).toBe('group:default/payments');

    const history = await request(backend.server)
      .get(
        `/api/integration-health/v1/integrations/${integrationId}/accountable-owner/assignments`,
      )
      .set('Authorization', user('diego'));
    expect(
      history.body.assignments.map((a: any) => [a.ownerRef, a.assignedBy]),
    ).toEqual([
      ['group:default/payments', 'user:default/amara'],
      ['group:default/ledger', 'user:default/mei'],
    ]);
  });

  it('answers the frontend permission check per integration through the permission backend', async () => {
    const ask = (who: string) =>
      request(backend.server)
        .post('/api/permission/authorize')
        .set('Authorization', user(who))
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'resource',
                name: 'integration-health.integration.assign-owner',
                attributes: { action: 'update' },
                resourceType: INTEGRATION_RESOURCE_TYPE,
              },
              resourceRef: integrationId,
            },
          ],
        });
    expect((await ask('mei')).body.items[0].result).toBe(AuthorizeResult.ALLOW);
    expect((await ask('diego')).body.items[0].result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('refuses owners that are not groups in the catalog, naming the field', async () => {
    for (const ownerRef of [
      'group:default/ledger-team',
      'user:default/mei',
      'group:default/',
      '',
    ]) {
      const res = await assign('mei', { ownerRef });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('ownerRef');
    }
    const notAnId = await request(backend.server)
      .put('/api/integration-health/v1/integrations/nope/accountable-owner')
      .set('Authorization', user('mei'))
      .send({ ownerRef: 'ledger' });
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.error.message).toContain('integrationId');

    const unknown = await request(backend.server)
      .put(
        `/api/integration-health/v1/integrations/${'0'.repeat(
          64,
        )}/accountable-owner`,
      )
      .set('Authorization', user('mei'))
      .send({ ownerRef: 'ledger' });
    expect(unknown.status).toBe(404);
  });

  it('clears an assignment so the annotations apply again; clearing twice is harmless', async () => {
    const first = await assign('mei', {
      ownerRef: null,
      note: 'back to the annotation',
    });
    expect(first.status).toBe(200);
    expect(first.body.accountableOwnerRef).toBeUndefined();
    expect(first.body.findings.map((f: any) => f.id)).toContain(
      'accountable-owner-missing',
    );
    const again = await assign('mei', { ownerRef: null });
    expect(again.status).toBe(200);
  });
});
