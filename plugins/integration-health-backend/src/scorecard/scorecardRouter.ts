import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../http/parseInput';
import { entityRefField, entityRefOf, trendQuery } from '../http/routeParams';
import { RollupService } from './RollupService';
import { scorecardCsv, ScorecardService } from './ScorecardService';

const scorecardQuery = z.object({
  kind: z.enum(['team', 'system', 'domain']).default('team'),
  window: z.coerce
    .number()
    .pipe(z.union([z.literal(30), z.literal(90), z.literal(365)]))
    .default(30),
  format: z.enum(['json', 'csv']).default('json'),
});

const drillDownQuery = z.object({
  ref: entityRefField(),
  window: scorecardQuery.shape.window,
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

/** The cross-team scorecard, its drill-down, and each entity's health trend. */
export function createScorecardRouter(options: {
  httpAuth: HttpAuthService;
  rollupService: RollupService;
  scorecardService: ScorecardService;
}): express.Router {
  const { httpAuth, rollupService, scorecardService } = options;
  const router = Router();

  router.get(
    '/v1/entities/:kind/:namespace/:name/score-trend',
    async (req, res) => {
      const entityRef = entityRefOf(req.params);
      const { days } = parseInput(trendQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        days,
        snapshots: await rollupService.trend(entityRef, days, credentials),
      });
    },
  );

  router.get('/v1/scorecard', async (req, res) => {
    const query = parseInput(scorecardQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const card = await scorecardService.scorecard(
      { kind: query.kind, windowDays: query.window },
      credentials,
    );
    if (query.format === 'csv') {
      res
        .type('text/csv')
        .set(
          'Content-Disposition',
          `attachment; filename="integration-health-scorecard-${query.kind}-${
            card.day ?? 'none'
          }.csv"`,
        )
        .send(scorecardCsv(card));
    } else {
      res.json(card);
    }
  });

  router.get('/v1/scorecard/integrations', async (req, res) => {
    const query = parseInput(drillDownQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await scorecardService.integrations(
        { subjectRef: query.ref, windowDays: query.window, limit: query.limit },
        credentials,
      ),
    );
  });

  return router;
}
