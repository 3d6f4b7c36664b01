import { parseEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { Server } from 'node:http';
import { percentile, round } from '../benchParts';
import { seededRandom, SyntheticCatalog } from '../syntheticCatalog';

export const entityPath = (ref: string) => {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/api/integration-health/v1/entities/${kind}/${namespace}/${name}`;
};

/** A deterministic sample (with repeats) of refs. */
export function sampler(seed: number) {
  const random = seededRandom(seed);
  return (refs: string[], n: number) =>
    Array.from({ length: n }, () => refs[Math.floor(random() * refs.length)]);
}

/**
 * Times the read routes a signed-in user opens, one request at a time:
 * blast radius (depth 3), an entity's integrations, the scorecard over
 * every team, and the drill-down to a team's integrations and to the
 * whole organisation's.
 */
export async function readLatencies(
  server: Server,
  catalog: SyntheticCatalog,
  options: { samples: number; errors: string[] },
) {
  const { errors } = options;
  const sample = sampler(7);
  const latency = async (url: string) => {
    const start = performance.now();
    const res = await request(server)
      .get(url)
      .set('Authorization', 'Bearer mock-user-token');
    if (res.status !== 200) errors.push(`${url}: ${res.status}`);
    return { ms: performance.now() - start, body: res.body };
  };
  const n = (full: number) => Math.max(5, Math.round(full * options.samples));

  const blast: number[] = [];
  for (const ref of sample(catalog.apiRefs, n(200))) {
    blast.push(
      (await latency(`${entityPath(ref)}/blast-radius?depth=3&maxNodes=1000`))
        .ms,
    );
  }
  const integrations: number[] = [];
  for (const ref of sample(catalog.componentRefs, n(500))) {
    integrations.push((await latency(`${entityPath(ref)}/integrations`)).ms);
  }
  const scorecard: number[] = [];
  let teams = 0;
  for (let i = 0; i < n(50); i++) {
    const res = await latency(
      '/api/integration-health/v1/scorecard?kind=team&window=30',
    );
    scorecard.push(res.ms);
    teams = res.body.rows?.length ?? 0;
  }
  if (teams === 0) errors.push('scorecard: no team rows');
  const drillDown = async (team: string) =>
    (
      await latency(
        `/api/integration-health/v1/scorecard/integrations?ref=${team}&window=30`,
      )
    ).ms;
  const drillRoot: number[] = [];
  for (let i = 0; i < 5; i++) {
    drillRoot.push(await drillDown('group:default/team-0'));
  }
  const drillTeams: number[] = [];
  for (const team of sample(catalog.groupRefs.slice(16), n(50))) {
    drillTeams.push(await drillDown(team));
  }
  return {
    blast_radius_p95_ms: round(percentile(blast, 95), 1),
    entity_integrations_p99_ms: round(percentile(integrations, 99), 1),
    scorecard_teams: teams,
    scorecard_p95_ms: round(percentile(scorecard, 95), 1),
    drilldown_team_p95_ms: round(percentile(drillTeams, 95), 1),
    drilldown_organisation_ms: round(percentile(drillRoot, 50), 1),
  };
}
