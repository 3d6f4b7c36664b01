import request from 'supertest';
import { Server } from 'node:http';
import { percentile, round } from '../benchParts';
import { CatalogRest } from './catalogRest';
import { peerBlastRadius } from './peerWalk';
import { entityPath, sampler } from './readLatencies';

const median = (values: number[]) => percentile(values, 50);

/**
 * The same APIs' blast radius at depth 3 found two ways on the same
 * catalog: walked through the catalog's REST API as catalog-graph walks, and
 * answered by the plugin's route. Times each alone, one after the other;
 * medians, and the ratio of the medians (peer / ours).
 */
export async function compareBlastRadius(
  server: Server,
  rest: CatalogRest,
  apiRefs: string[],
  options: { samples: number; errors: string[] },
) {
  const peer: number[] = [];
  const ours: number[] = [];
  let peerConsumers = 0;
  let ourConsumers = 0;
  let peerRequests = 0;
  for (const ref of sampler(13)(apiRefs, options.samples)) {
    let start = performance.now();
    const walked = await peerBlastRadius(rest, ref, 3);
    peer.push(performance.now() - start);
    peerConsumers += walked.consumers;
    peerRequests += walked.requests;

    start = performance.now();
    const res = await request(server)
      .get(`${entityPath(ref)}/blast-radius?depth=3&maxNodes=5000`)
      .set('Authorization', 'Bearer mock-user-token');
    ours.push(performance.now() - start);
    if (res.status !== 200) {
      options.errors.push(`blast radius of ${ref}: ${res.status}`);
    }
    ourConsumers += res.body.consumers?.length ?? 0;
  }
  const count = peer.length;
  return {
    peer_ms: round(median(peer), 1),
    peer_p95_ms: round(percentile(peer, 95), 1),
    ours_ms: round(median(ours), 1),
    ours_p95_ms: round(percentile(ours, 95), 1),
    ratio: round(median(peer) / median(ours), 1),
    sample: count,
    peer_requests_per_walk: Math.round(peerRequests / count),
    peer_consumers_per_walk: Math.round(peerConsumers / count),
    our_consumers_per_walk: Math.round(ourConsumers / count),
  };
}
