import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../http/parseInput';
import { entityRefOf, integrationIdOf } from '../http/routeParams';
import { IntegrationQueryService } from './IntegrationQueryService';
import { OwnerAssignmentService } from './OwnerAssignmentService';
import { jsonBody } from '../http/jsonBody';

const assignOwnerBody = z.object({
  ownerRef: z.string().min(1).max(255).nullable(),
  note: z.string().max(2000).optional(),
});

/** An entity's integrations, their accountable owners, and the sync runs. */
export function createIntegrationsRouter(options: {
  httpAuth: HttpAuthService;
  queryService: IntegrationQueryService;
  ownerAssignmentService: OwnerAssignmentService;
}): express.Router {
  const { httpAuth, queryService, ownerAssignmentService } = options;
  const router = Router();

  router.get(
    '/v1/entities/:kind/:namespace/:name/integrations',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(
        await queryService.getEntityIntegrations(entityRef, credentials),
      );
    },
  );

  router.put(
    '/v1/integrations/:integrationId/accountable-owner',
    jsonBody(),
    async (req, res) => {
      const integrationId = integrationIdOf(req.params);
      const body = parseInput(assignOwnerBody, req.body, 'body');
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(
        await ownerAssignmentService.assign(
          {
            integrationId,
            ownerRef: body.ownerRef ?? undefined,
            note: body.note,
          },
          credentials,
        ),
      );
    },
  );

  router.get(
    '/v1/integrations/:integrationId/accountable-owner/assignments',
    async (req, res) => {
      const integrationId = integrationIdOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        assignments: await ownerAssignmentService.history(
          integrationId,
          credentials,
        ),
      });
    },
  );

  router.get('/v1/sync-runs/latest', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const run = await queryService.getLatestRun(credentials);
    if (!run) {
      throw new NotFoundError('The sync job has not run yet');
    }
    res.json(run);
  });

  return router;
}
