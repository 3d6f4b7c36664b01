import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { jsonBody } from '../http/jsonBody';
import { parseInput } from '../http/parseInput';
import { entityRefOf } from '../http/routeParams';
import { ObservationService } from './ObservationService';

const pushQuery = z.object({
  source: z.string().min(1).max(64).optional(),
});

/**
 * What telemetry observed around an entity against what the catalog
 * declares, the observation sources' state, and observations pushed by
 * pipelines and exporters.
 */
export function createObservationsRouter(options: {
  httpAuth: HttpAuthService;
  observations: ObservationService;
}): express.Router {
  const { httpAuth, observations } = options;
  const router = Router();
  // A service graph of 50,000 edges is a few MB of JSON.
  const json = jsonBody({ limit: '10mb' });

  router.get(
    '/v1/entities/:kind/:namespace/:name/observed',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await observations.forEntity(entityRef, credentials));
    },
  );

  router.get('/v1/observation-sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await observations.listSources() });
  });

  // `?source=` names what the pusher pushes (stored as <subject>/<source>).
  router.put('/v1/observations', json, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const { source } = parseInput(pushQuery, req.query, 'query');
    res.json(
      await observations.push(credentials, source, req.body, new Date()),
    );
  });

  return router;
}
