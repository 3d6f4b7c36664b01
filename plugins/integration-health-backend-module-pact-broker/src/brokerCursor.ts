import { isRecordOf } from '@integration-health/plugin-integration-health-node';
import { createHash } from 'node:crypto';
import { PactBrokerClient, PactBrokerError } from './PactBrokerClient';

type Hal = Record<string, any>;

/** What the source last saw of each broker integration: a fingerprint per pair key. */
export type PairsSeen = Record<string, string>;

export const isPairsSeen = (value: unknown): value is PairsSeen =>
  isRecordOf(value, (f): f is string => typeof f === 'string');

export const pairKey = (consumer: string, provider: string) =>
  JSON.stringify([consumer, provider]);

export const fingerprint = (parts: unknown[]) =>
  createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('base64url')
    .slice(0, 22);

/**
 * Each pair's latest pact and latest verification as the broker's dashboard
 * lists them, all pairs in one request: what changes when a pact or a
 * verification is published. Undefined when the broker has no dashboard or
 * refuses it (the source then reads every pair).
 */
export async function readDashboard(
  client: PactBrokerClient,
  signal: AbortSignal,
): Promise<Map<string, string> | undefined> {
  let document: Hal | undefined;
  try {
    document = await client.get('dashboard', signal);
  } catch (error) {
    // A broker that will not serve it (a token without the right, an
    // error) is read in full, as one without it.
    if (error instanceof PactBrokerError && !signal.aborted) return undefined;
    throw error;
  }
  if (!Array.isArray(document?.items)) return undefined;
  const parts = new Map<string, string[]>();
  for (const item of document.items as Hal[]) {
    const consumer = item?.consumer?.name;
    const provider = item?.provider?.name;
    if (typeof consumer !== 'string' || typeof provider !== 'string') continue;
    const key = pairKey(consumer, provider);
    const verification = item.latestVerificationResult;
    parts.set(key, [
      ...(parts.get(key) ?? []),
      JSON.stringify([
        item.consumer?.version?.number,
        item.pact?.createdAt,
        item.pact?._links?.self?.href,
        item.provider?.version?.number,
        verification?.success,
        verification?.verifiedAt,
        verification?._links?.self?.href,
        item.verificationStatus,
      ]),
    ]);
  }
  // A pair listed once per tag is one pair; the order of its items is not news.
  return new Map(
    [...parts].map(([key, list]) => [key, list.sort().join('\n')]),
  );
}
