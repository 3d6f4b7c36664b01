import { CollectedVerification } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import { parse } from 'yaml';

type DemoVerification = {
  consumer: string;
  provider: string;
  api?: string;
  result: 'passed' | 'failed';
  providerVersion: string;
  consumerVersion?: string;
  environment?: string;
  daysAgo: number;
  url?: string;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads examples/evidence.yaml, dating each verification from `now`. */
export function loadDemoEvidence(
  file: string,
  now: Date,
): CollectedVerification[] {
  const document = parse(fs.readFileSync(file, 'utf8')) as {
    verifications?: DemoVerification[];
  };
  return (document.verifications ?? []).map((v, index) => {
    if (!v.consumer || !v.provider || !v.providerVersion) {
      throw new Error(
        `${file}: verification ${
          index + 1
        } needs consumer, provider and providerVersion`,
      );
    }
    if (v.result !== 'passed' && v.result !== 'failed') {
      throw new Error(
        `${file}: verification ${index + 1} result must be passed or failed`,
      );
    }
    return {
      subject: {
        consumerRef: v.consumer,
        providerRef: v.provider,
        apiRef: v.api,
      },
      verification: {
        source: 'demo-ci',
        result: v.result,
        providerVersion: String(v.providerVersion),
        consumerVersion: v.consumerVersion,
        environment: v.environment,
        verifiedAt: new Date(now.getTime() - v.daysAgo * DAY_MS).toISOString(),
        url: v.url,
      },
    };
  });
}
