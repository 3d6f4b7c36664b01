import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { jsonBody } from '../http/jsonBody';
import { parseInput } from '../http/parseInput';
import { entityRefOf } from '../http/routeParams';
import { SchemaHistoryService } from './SchemaHistoryService';

/** A migration's id: a file name, no path. */
const migrationId = z
  .string()
  .min(1)
  .max(255)
  .refine(
    id => !/[/\\]/.test(id) && !id.includes(String.fromCharCode(0)),
    'must be a file name without a path',
  );
const migration = z.object({
  id: migrationId,
  sql: z.string().max(5_000_000),
});
const pushBody = z.object({ migrations: z.array(migration).max(5_000) });

/**
 * A database resource's schema history and consumers' queries, migrations
 * pushed by the pipeline that ships them, and the CI check of a candidate.
 */
export function createSchemasRouter(options: {
  httpAuth: HttpAuthService;
  schemas: SchemaHistoryService;
}): express.Router {
  const { httpAuth, schemas } = options;
  const router = Router();

  router.get('/v1/entities/:kind/:namespace/:name/schema', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await schemas.forResource(entityRefOf(req.params), credentials));
  });

  router.put(
    '/v1/resources/:kind/:namespace/:name/migrations',
    jsonBody({ limit: '50mb' }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['service'],
      });
      const body = parseInput(pushBody, req.body, 'body');
      res.json(
        await schemas.push(
          entityRefOf(req.params),
          body.migrations,
          credentials,
          new Date(),
        ),
      );
    },
  );

  router.post(
    '/v1/resources/:kind/:namespace/:name/migrations/check',
    jsonBody({ limit: '6mb' }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const candidate = parseInput(migration, req.body, 'body');
      res.json(
        await schemas.check(entityRefOf(req.params), candidate, credentials),
      );
    },
  );

  return router;
}
