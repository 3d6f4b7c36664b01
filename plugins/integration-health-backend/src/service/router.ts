import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { BreakingChangeService } from './BreakingChangeService';
import { IntegrationGraphService } from './IntegrationGraphService';
import { IntegrationQueryService } from './IntegrationQueryService';
import { EvidenceService } from './EvidenceService';
import { OwnerAssignmentService } from './OwnerAssignmentService';

const entityParams = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
    );
  }
  return result.data;
}

const graphQuery = z.object({
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: z.coerce.number().int().min(1).max(10).default(2),
  maxNodes: z.coerce.number().int().min(1).max(5000).default(500),
});

const integrationParams = z.object({
  integrationId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be an integration id'),
});

const assignOwnerBody = z.object({
  ownerRef: z.string().min(1).max(255).nullable(),
  note: z.string().max(2000).optional(),
});

const verificationBody = z.object({
  result: z.enum(['passed', 'failed']),
  providerVersion: z.string().min(1).max(255),
  consumerVersion: z.string().min(1).max(255).optional(),
  environment: z.string().min(1).max(255).optional(),
  verifiedAt: z.string().datetime({ offset: true }).optional(),
  url: z.string().url().max(2000).optional(),
  source: z.string().min(1).max(64).default('ci'),
});

const trendQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});

const blastRadiusQuery = graphQuery.omit({ direction: true }).extend({
  depth: z.coerce.number().int().min(1).max(10).default(3),
});

export function createRouter(options: {
  httpAuth: HttpAuthService;
  queryService: IntegrationQueryService;
  graphService: IntegrationGraphService;
  breakingChangeService: BreakingChangeService;
  ownerAssignmentService: OwnerAssignmentService;
  evidenceService: EvidenceService;
}): express.Router {
  const {
    httpAuth,
    queryService,
    graphService,
    breakingChangeService,
    ownerAssignmentService,
    evidenceService,
  } = options;
  const router = Router();
  router.use(express.json());

  router.get(
    '/v1/entities/:kind/:namespace/:name/integrations',
    async (req, res) => {
      const params = parse(entityParams, req.params, 'entity reference');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = stringifyEntityRef(params);
      res.json(
        await queryService.getEntityIntegrations(entityRef, credentials),
      );
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/spec-versions',
    async (req, res) => {
      const params = parse(entityParams, req.params, 'entity reference');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        versions: await queryService.getSpecVersions(
          stringifyEntityRef(params),
          credentials,
        ),
      });
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/spec-versions/:versionId/changes',
    async (req, res) => {
      const params = parse(
        entityParams.extend({ versionId: z.string().uuid() }),
        req.params,
        'spec version',
      );
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        changes: await queryService.getSpecChanges(
          stringifyEntityRef(params),
          params.versionId,
          credentials,
        ),
      });
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/graph', async (req, res) => {
    const params = parse(entityParams, req.params, 'entity reference');
    const query = parse(graphQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await graphService.getGraph(
        stringifyEntityRef(params),
        query.direction,
        { depth: query.depth, maxNodes: query.maxNodes },
        credentials,
      ),
    );
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/blast-radius',
    async (req, res) => {
      const params = parse(entityParams, req.params, 'entity reference');
      const query = parse(blastRadiusQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(
        await graphService.getBlastRadius(
          stringifyEntityRef(params),
          { depth: query.depth, maxNodes: query.maxNodes },
          credentials,
        ),
      );
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/breaking-changes',
    async (req, res) => {
      const params = parse(entityParams, req.params, 'entity reference');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        breakingChanges: await breakingChangeService.forEntity(
          stringifyEntityRef(params),
          credentials,
        ),
      });
    },
  );

  router.put(
    '/v1/integrations/:integrationId/accountable-owner',
    async (req, res) => {
      const { integrationId } = parse(
        integrationParams,
        req.params,
        'integration',
      );
      const body = parse(assignOwnerBody, req.body, 'body');
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
      const { integrationId } = parse(
        integrationParams,
        req.params,
        'integration',
      );
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

  // Pipelines push their contract verifications with an external access token.
  router.post(
    '/v1/integrations/:integrationId/verifications',
    async (req, res) => {
      const { integrationId } = parse(
        integrationParams,
        req.params,
        'integration',
      );
      const body = parse(verificationBody, req.body, 'body');
      await httpAuth.credentials(req, { allow: ['service'] });
      res.status(201).json(
        await evidenceService.recordVerification(integrationId, {
          ...body,
          verifiedAt: body.verifiedAt ?? new Date().toISOString(),
        }),
      );
    },
  );

  router.get(
    '/v1/integrations/:integrationId/score-trend',
    async (req, res) => {
      const { integrationId } = parse(
        integrationParams,
        req.params,
        'integration',
      );
      const { days } = parse(trendQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        days,
        snapshots: await evidenceService.trend(
          integrationId,
          days,
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
