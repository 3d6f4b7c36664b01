import { createHash } from 'node:crypto';

/**
 * What an integration's scores are computed from, as one key: the day (age
 * moves scores, so each day's first sync computes them all again), the
 * score configuration, the API and the other APIs between the same consumer
 * and provider (their specs judge mocks that mock several), the stamp of the
 * integration's evidence and mocks, and the stamp of each API's spec history.
 * Equal keys mean computing again would give the same scores.
 */
export function scoreInputsKey(inputs: {
  day: string;
  config: string;
  apiRef?: string;
  siblingApiRefs: string[];
  evidence?: string;
  specs: Map<string, string>;
}): string {
  const apis = [inputs.apiRef ?? '', ...[...inputs.siblingApiRefs].sort()];
  return createHash('sha256')
    .update(
      JSON.stringify([
        inputs.day,
        inputs.config,
        inputs.evidence ?? null,
        apis.map(ref => [ref, inputs.specs.get(ref) ?? null]),
      ]),
    )
    .digest('hex');
}
