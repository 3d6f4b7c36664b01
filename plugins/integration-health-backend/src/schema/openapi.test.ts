import fs from 'node:fs';
import path from 'node:path';
import { diffSpecs } from '@integration-health/spec-diff';
import { parse } from 'yaml';
import { createCalendarRouter } from '../calendar/calendarRouter';
import { createEvidenceRouter } from '../evidence/evidenceRouter';
import { createGraphRouter } from '../graph/graphRouter';
import { createIntegrationsRouter } from '../integrations/integrationsRouter';
import { createScorecardRouter } from '../scorecard/scorecardRouter';
import { createSpecsRouter } from '../specs/specsRouter';
import { createIncidentRouter } from '../incidents/incidentRouter';
import { createMockServerRouter } from '../evidence/mockServer/mockServerRouter';
import { createObservationsRouter } from '../observations/observationsRouter';
import { createSchemasRouter } from '../schemas/schemasRouter';
import { createBriefsRouter } from '../briefs/briefsRouter';

/**
 * `/v1/entities/{kind}` ⇄ `/v1/entities/:kind`; the mock server's
 * `{mockPath}`, the rest of the path with its slashes, ⇄ `*`.
 */
const toExpressPath = (openApiPath: string) =>
  openApiPath.replace(/\/\{mockPath\}$/, '/*').replace(/\{(\w+)\}/g, ':$1');

describe('the committed OpenAPI document', () => {
  const document = parse(
    fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
  );

  it('describes exactly the routes the router serves', () => {
    const fake = {} as any;
    const routers = [
      createIntegrationsRouter({
        httpAuth: fake,
        queryService: fake,
        ownerAssignmentService: fake,
      }),
      createGraphRouter({ httpAuth: fake, graphService: fake }),
      createSpecsRouter({
        httpAuth: fake,
        specQueryService: fake,
        breakingChangeService: fake,
      }),
      createEvidenceRouter({
        httpAuth: fake,
        evidenceService: fake,
        generatedMocks: fake,
      }),
      createMockServerRouter({ httpAuth: fake, mockServer: fake }),
      createObservationsRouter({ httpAuth: fake, observations: fake }),
      createSchemasRouter({ httpAuth: fake, schemas: fake }),
      createBriefsRouter({ httpAuth: fake, briefs: fake }),
      createScorecardRouter({
        httpAuth: fake,
        rollupService: fake,
        scorecardService: fake,
      }),
    ];
    const calendarRouter = createCalendarRouter({
      httpAuth: {} as any,
      calendarService: {} as any,
      breakingChangeCheck: {} as any,
      feedService: {} as any,
    });
    const incidentRouter = createIncidentRouter({
      httpAuth: {} as any,
      incidentService: {} as any,
    });
    const served = [
      ...routers.flatMap(router => router.stack as any[]),
      ...(calendarRouter.stack as any[]),
      ...(incidentRouter.stack as any[]),
    ]
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${layer.route.path}`,
        ),
      )
      .sort();
    const documented = Object.entries<Record<string, unknown>>(document.paths)
      .flatMap(([p, item]) =>
        Object.keys(item).map(
          method => `${method.toUpperCase()} ${toExpressPath(p)}`,
        ),
      )
      .sort();
    expect(documented).toEqual(served);
  });

  it('is a document the breaking-change engine can read, so changes to it are classified too', async () => {
    const text = fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8');
    const result = await diffSpecs(text, text);
    expect(result.format).toBe('openapi-3.0');
    expect(result.findings).toEqual([]);
  });
});
