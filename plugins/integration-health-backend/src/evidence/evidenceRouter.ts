import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { httpUrl } from '../http/httpUrl';
import { parseInput } from '../http/parseInput';
import {
  entityRefField,
  integrationIdOf,
  trendQuery,
} from '../http/routeParams';
import { integrationId } from '../integrations/IntegrationStore';
import { EvidenceService } from './EvidenceService';
import { GeneratedMocksService } from './GeneratedMocksService';
import { jsonBody } from '../http/jsonBody';

const verificationBody = z.object({
  result: z.enum(['passed', 'failed']),
  providerVersion: z.string().min(1).max(255),
  consumerVersion: z.string().min(1).max(255).optional(),
  environment: z.string().min(1).max(255).optional(),
  verifiedAt: z.string().datetime({ offset: true }).optional(),
  url: httpUrl.optional(),
  source: z.string().min(1).max(64).optional(),
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
  source: z.string().min(1).max(64).optional(),
});

const generatedMocksQuery = z.object({
  format: z.enum(['wiremock', 'pact']).default('wiremock'),
});

/** Pipelines may name the integration by its refs instead of its id. */
const integrationRefs = z.object({
  consumerRef: entityRefField({ kind: 'component' }),
  providerRef: entityRefField({ kind: 'component' }),
  apiRef: entityRefField({ kind: 'component' }).optional(),
});

/**
 * Evidence pushed from pipelines (verifications, mock bundles), each
 * integration's score trend, and the state of the evidence sources.
 */
export function createEvidenceRouter(options: {
  httpAuth: HttpAuthService;
  evidenceService: EvidenceService;
  generatedMocks: GeneratedMocksService;
}): express.Router {
  const { httpAuth, evidenceService, generatedMocks } = options;
  const router = Router();
  const json = jsonBody();
  // Mock bundles are larger than other bodies.
  const bundleJson = jsonBody({ limit: '10mb' });

  // Pipelines push evidence with an external access token, naming the
  // integration by id or, on the /v1/evidence routes, by its refs; the
  // permission framework decides per integration (see EvidenceService).
  const recordVerification = async (id: string, req: express.Request) => {
    const { source, ...body } = parseInput(verificationBody, req.body, 'body');
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    return evidenceService.recordVerification(
      id,
      { ...body, verifiedAt: body.verifiedAt ?? new Date().toISOString() },
      { credentials, label: source },
    );
  };
  const replaceMocks = async (id: string, req: express.Request) => {
    const body = parseInput(mockBundleBody, req.body, 'body');
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    return evidenceService.replaceMocks(id, body.documents, {
      credentials,
      label: body.source,
    });
  };
  const integrationByRefs = (req: express.Request) => {
    const refs = parseInput(integrationRefs, req.body, 'body');
    return integrationId(refs.consumerRef, refs.providerRef, refs.apiRef);
  };

  router.post(
    '/v1/integrations/:integrationId/verifications',
    json,
    async (req, res) => {
      const id = integrationIdOf(req.params);
      res.status(201).json(await recordVerification(id, req));
    },
  );
  router.post('/v1/evidence/verifications', json, async (req, res) => {
    res.status(201).json(await recordVerification(integrationByRefs(req), req));
  });
  router.put(
    '/v1/integrations/:integrationId/mocks',
    bundleJson,
    async (req, res) => {
      res.json(await replaceMocks(integrationIdOf(req.params), req));
    },
  );
  router.put('/v1/evidence/mocks', bundleJson, async (req, res) => {
    res.json(await replaceMocks(integrationByRefs(req), req));
  });

  router.get(
    '/v1/integrations/:integrationId/score-trend',
    async (req, res) => {
      const id = integrationIdOf(req.params);
      const { days } = parseInput(trendQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json({
        days,
        snapshots: await evidenceService.trend(id, days, credentials),
      });
    },
  );

  // The consumer's mocks, generated from the provider's current spec.
  router.get(
    '/v1/integrations/:integrationId/generated-mocks',
    async (req, res) => {
      const id = integrationIdOf(req.params);
      const { format } = parseInput(generatedMocksQuery, req.query, 'query');
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.json(await generatedMocks.generate(id, format, credentials));
    },
  );

  router.get('/v1/evidence-sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await evidenceService.listSources() });
  });

  return router;
}
