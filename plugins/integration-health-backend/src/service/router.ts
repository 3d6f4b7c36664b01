import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { entityParams, integrationParams } from './routeParams';
import { BreakingChangeService } from './BreakingChangeService';
import { IntegrationGraphService } from './IntegrationGraphService';
import { IntegrationQueryService } from './IntegrationQueryService';
import { integrationId as integrationIdOf } from '../database/IntegrationStore';
import { RollupService } from '../rollups/RollupService';
import { scorecardCsv, ScorecardService } from '../rollups/ScorecardService';
import { EvidenceService } from './EvidenceService';
import { httpUrl } from './httpUrl';
import { parseInput } from './parseInput';
import { OwnerAssignmentService } from './OwnerAssignmentService';

const parse = parseInput;

const graphQuery = z.object({
  direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
  depth: z.coerce.number().int().min(1).max(10).default(2),
  maxNodes: z.coerce.number().int().min(1).max(5000).default(500),
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
  url: httpUrl.optional(),
  source: z.string().min(1).max(64).default('ci'),
});

const mockBundleBody = z.object({
  documents: z
    .array(
      z.object({
        name: z.string().min(1).max(1000),
        format: z.enum(['pact', 'wiremock']),
        content: z.unknown().refine(v => v !== undefined, 'is required'),
        url: httpUrl.optional(),
        madeFromVersion: z.string().min(1).max(255).optional(),
      }),
    )
    .max(200),
  source: z.string().min(1).max(64).default('ci'),
});

/** Pipelines may name the integration by its refs instead of its id. */
const integrationRefs = z.object({
  consumerRef: z.string().min(1).max(255),
  providerRef: z.string().min(1).max(255),
  apiRef: z.string().min(1).max(255).optional(),
});

function idFromRefs(refs: z.infer<typeof integrationRefs>): string {
  const normal = (ref: string) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(`Invalid body: ${ref} is not an entity ref`);
    }
  };
  return integrationIdOf(
    normal(refs.consumerRef),
    normal(refs.providerRef),
    refs.apiRef && normal(refs.apiRef),
  );
}

const scorecardQuery = z.object({
  kind: z.enum(['team', 'system', 'domain']).default('team'),
  window: z.coerce
    .number()
    .pipe(z.union([z.literal(30), z.literal(90), z.literal(365)]))
    .default(30),
  format: z.enum(['json', 'csv']).default('json'),
});

const drillDownQuery = z.object({
  ref: z
    .string()
    .min(1)
    .max(255)
    .transform((ref, ctx) => {
      try {
        return stringifyEntityRef(parseEntityRef(ref));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not an entity ref' });
        return z.NEVER;
      }
    }),
  window: scorecardQuery.shape.window,
  limit: z.coerce.number().int().min(1).max(2000).default(500),
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
  rollupService: RollupService;
  scorecardService: ScorecardService;
}): express.Router {
  const {
    httpAuth,
    queryService,
    graphService,
    breakingChangeService,
    ownerAssignmentService,
    evidenceService,
    rollupService,
    scorecardService,
  } = options;
  const router = Router();
  // Each route with a body parses it itself: mock bundles may be larger.
  const json = express.json();

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

  router.get(
    '/v1/entities/:kind/:namespace/:name/score-trend',
    async (req, res) => {
      const params = parse(entityParams, req.params, 'entity reference');
      const { days } = parse(trendQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        days,
        snapshots: await rollupService.trend(
          stringifyEntityRef(params),
          days,
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
    json,
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

  // Pipelines push evidence with an external access token, naming the
  // integration by id or, on the /v1/evidence routes, by its refs.
  const recordVerification = async (id: string, req: express.Request) => {
    const body = parse(verificationBody, req.body, 'body');
    await httpAuth.credentials(req, { allow: ['service'] });
    return evidenceService.recordVerification(id, {
      ...body,
      verifiedAt: body.verifiedAt ?? new Date().toISOString(),
    });
  };
  const replaceMocks = async (id: string, req: express.Request) => {
    const body = parse(mockBundleBody, req.body, 'body');
    await httpAuth.credentials(req, { allow: ['service'] });
    return evidenceService.replaceMocks(id, body.source, body.documents);
  };
  const integrationOf = (req: express.Request) =>
    parse(integrationParams, req.params, 'integration').integrationId;
  const integrationByRefs = (req: express.Request) =>
    idFromRefs(parse(integrationRefs, req.body, 'body'));
  // Mock bundles are larger than other bodies.
  const bundleJson = express.json({ limit: '10mb' });

  router.post(
    '/v1/integrations/:integrationId/verifications',
    json,
    async (req, res) => {
      res.status(201).json(await recordVerification(integrationOf(req), req));
    },
  );
  router.post('/v1/evidence/verifications', json, async (req, res) => {
    res.status(201).json(await recordVerification(integrationByRefs(req), req));
  });
  router.put(
    '/v1/integrations/:integrationId/mocks',
    bundleJson,
    async (req, res) => {
      res.json(await replaceMocks(integrationOf(req), req));
    },
  );
  router.put('/v1/evidence/mocks', bundleJson, async (req, res) => {
    res.json(await replaceMocks(integrationByRefs(req), req));
  });

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

  router.get('/v1/scorecard', async (req, res) => {
    const query = parse(scorecardQuery, req.query, 'query');
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
    const query = parse(drillDownQuery, req.query, 'query');
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

  router.get('/v1/evidence-sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await evidenceService.listSources() });
  });

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
