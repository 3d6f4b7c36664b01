import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../http/parseInput';
import { entityRefOf } from '../http/routeParams';
import { BreakingChangeService } from './BreakingChangeService';
import { SpecQueryService } from './SpecQueryService';

const versionParams = z.object({ versionId: z.string().uuid() });

/** An API's spec history and the breaking changes that reach an entity. */
export function createSpecsRouter(options: {
  httpAuth: HttpAuthService;
  specQueryService: SpecQueryService;
  breakingChangeService: BreakingChangeService;
}): express.Router {
  const { httpAuth, specQueryService, breakingChangeService } = options;
  const router = Router();

  router.get(
    '/v1/entities/:kind/:namespace/:name/spec-versions',
    async (req, res) => {
      const apiRef = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        versions: await specQueryService.getSpecVersions(apiRef, credentials),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/spec-versions/:versionId/changes',
    async (req, res) => {
      const apiRef = entityRefOf(req.params);
      const { versionId } = parseInput(
        versionParams,
        req.params,
        'spec version',
      );
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        changes: await specQueryService.getSpecChanges(
          apiRef,
          versionId,
          credentials,
        ),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/breaking-changes',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        breakingChanges: await breakingChangeService.forEntity(
          entityRef,
          credentials,
        ),
      });
    },
  );

  return router;
}
