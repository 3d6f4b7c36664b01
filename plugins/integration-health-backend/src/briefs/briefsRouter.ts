import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { BriefSubject } from '@integration-health/plugin-integration-health-common';
import { parseInput } from '../http/parseInput';
import { BriefService } from './BriefService';
import { briefMarkdown } from './briefMarkdown';

const ref = z.string().min(3).max(255);
const briefQuery = z.object({
  integrationId: z.string().min(1).max(255).optional(),
  entityRef: ref.optional(),
  teams: z.string().max(520).optional(),
  from: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  to: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  format: z.enum(['json', 'markdown']).default('json'),
});

const DAY_MS = 86_400_000;

/** Exactly one of integrationId, entityRef, teams=a,b. */
export function briefSubjectOf(query: {
  integrationId?: string;
  entityRef?: string;
  teams?: string;
}): BriefSubject {
  const given = [query.integrationId, query.entityRef, query.teams].filter(
    v => v !== undefined,
  );
  if (given.length !== 1) {
    throw new InputError(
      'Name exactly one of integrationId, entityRef, or teams=<group>,<group>',
    );
  }
  if (query.integrationId) {
    return { kind: 'integration', integrationId: query.integrationId };
  }
  if (query.entityRef) return { kind: 'entity', entityRef: query.entityRef };
  const teams = query.teams!.split(',').map(t => t.trim());
  if (teams.length !== 2 || teams.some(t => !ref.safeParse(t).success)) {
    throw new InputError('teams takes two group refs: teams=<group>,<group>');
  }
  return { kind: 'teams', teamRefs: [teams[0], teams[1]] };
}

/** The window asked for, the last 90 days by default; at most three years. */
export function briefWindowOf(
  query: { from?: string; to?: string },
  now: Date,
): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from
    ? new Date(query.from)
    : new Date(to.getTime() - 90 * DAY_MS);
  if (to.getTime() - from.getTime() > 3 * 366 * DAY_MS) {
    throw new InputError('A brief covers at most three years');
  }
  return { from, to };
}

/** `GET /v1/briefs`: a facts-only brief about a seam, as JSON or Markdown. */
export function createBriefsRouter(options: {
  httpAuth: HttpAuthService;
  briefs: BriefService;
}): express.Router {
  const { httpAuth, briefs } = options;
  const router = Router();
  router.get('/v1/briefs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(briefQuery, req.query, 'query');
    const brief = await briefs.brief(
      briefSubjectOf(query),
      briefWindowOf(query, new Date()),
      credentials,
    );
    if (query.format === 'markdown') {
      res.type('text/markdown; charset=utf-8').send(briefMarkdown(brief));
    } else {
      res.json(brief);
    }
  });
  return router;
}
