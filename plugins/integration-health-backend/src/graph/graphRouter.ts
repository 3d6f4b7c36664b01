import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../http/parseInput';
import { entityRefOf } from '../http/routeParams';
import { IntegrationGraphService } from './IntegrationGraphService';

const graphQuery = z.object({
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: z.coerce.number().int().min(1).max(10).default(2),
  maxNodes: z.coerce.number().int().min(1).max(5000).default(500),
  edges: z.enum(['declared', 'observed', 'both']).default('declared'),
});

const blastRadiusQuery = graphQuery
  .omit({ direction: true, edges: true })
  .extend({
    depth: z.coerce.number().int().min(1).max(10).default(3),
    follow: z.enum(['declared', 'both']).default('declared'),
  });

/** The dependency map around an entity and the blast radius of a change to it. */
export function createGraphRouter(options: {
  httpAuth: HttpAuthService;
  graphService: IntegrationGraphService;
}): express.Router {
  const { httpAuth, graphService } = options;
  const router = Router();

  router.get('/v1/entities/:kind/:namespace/:name/graph', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    const query = parseInput(graphQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await graphService.getGraph(
        entityRef,
        query.direction,
        { depth: query.depth, maxNodes: query.maxNodes },
        credentials,
        query.edges,
      ),
    );
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/blast-radius',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const query = parseInput(blastRadiusQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(
        await graphService.getBlastRadius(
          entityRef,
          { depth: query.depth, maxNodes: query.maxNodes },
          credentials,
          query.follow,
        ),
      );
    },
  );

  return router;
}
