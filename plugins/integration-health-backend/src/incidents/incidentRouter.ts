import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  entityRefOf,
  integrationIdOf,
  integrationParams,
} from '../http/routeParams';
import { httpUrl } from '../http/httpUrl';
import { parseInput } from '../http/parseInput';
import { IncidentService } from './IncidentService';
import { jsonBody } from '../http/jsonBody';

const parse = parseInput;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const incidentBody = z.object({
  title: z.string().trim().min(1).max(300),
  occurredAt: z.string().datetime({ offset: true }),
  resolvedAt: z.string().datetime({ offset: true }).optional(),
  impact: z
    .object({
      durationMinutes: count.max(525_600).optional(),
      affectedTransactions: count.optional(),
      money: z
        .object({
          amount: z.number().finite().min(0).max(1e15),
          currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
        })
        .optional(),
      description: z.string().max(10_000).optional(),
    })
    .default({}),
  trigger: z
    .object({
      calendarEntryId: z
        .string()
        .uuid('must be a calendar entry id')
        .optional(),
      apiRef: z
        .string()
        .regex(/^api:[^/]+\/.+$/, 'must be an API entity ref')
        .max(255)
        .optional(),
      specVersion: z.string().min(1).max(255).optional(),
    })
    .optional(),
  outOfSync: z
    .object({
      kind: z.enum(['mock', 'contract']),
      description: z.string().max(2000).optional(),
      url: httpUrl.optional(),
    })
    .optional(),
  postmortemUrls: z.array(httpUrl).max(20).default([]),
});

const incidentParams = integrationParams.extend({
  incidentId: z.string().uuid('must be an incident id'),
});

/** Incident records: read by whoever sees the integration, written by its owners. */
export function createIncidentRouter(options: {
  httpAuth: HttpAuthService;
  incidentService: IncidentService;
}): express.Router {
  const { httpAuth, incidentService } = options;
  const router = Router();
  const json = jsonBody();

  router.get('/v1/integrations/:integrationId/incidents', async (req, res) => {
    const integrationId = integrationIdOf(req.params);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ items: await incidentService.list(integrationId, credentials) });
  });

  router.post(
    '/v1/integrations/:integrationId/incidents',
    json,
    async (req, res) => {
      const integrationId = integrationIdOf(req.params);
      const body = parse(incidentBody, req.body, 'body');
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res
        .status(201)
        .json(await incidentService.record(integrationId, body, credentials));
    },
  );

  router.put(
    '/v1/integrations/:integrationId/incidents/:incidentId',
    json,
    async (req, res) => {
      const { integrationId, incidentId } = parse(
        incidentParams,
        req.params,
        'incident',
      );
      const body = parse(incidentBody, req.body, 'body');
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(
        await incidentService.update(
          integrationId,
          incidentId,
          body,
          credentials,
        ),
      );
    },
  );

  router.get(
    '/v1/integrations/:integrationId/incidents/:incidentId/history',
    async (req, res) => {
      const { integrationId, incidentId } = parse(
        incidentParams,
        req.params,
        'incident',
      );
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        items: await incidentService.history(
          integrationId,
          incidentId,
          credentials,
        ),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/incidents',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        items: await incidentService.listForEntity(entityRef, credentials),
      });
    },
  );

  return router;
}
