import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PlannedPair } from './evidencePlan';
import { pactDocument } from './mockDocuments';

type Hal = Record<string, unknown>;

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'Content-Type': 'application/hal+json' })
    .end(JSON.stringify(body));

/** Half the pacticipants run a version in production, chosen by name. */
const deployed = (name: string) =>
  [...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 2 === 0;
const versionOf = (name: string) => `${name}-1.0.0`;

/** The broker's word on a pair: failed when its pact departs from the spec, some stale. */
function statusOf(pair: PlannedPair, index: number) {
  if (!pair.valid) return 'failed';
  return index % 7 === 0 ? 'stale' : 'success';
}

/**
 * A local HTTP server answering like a Pact Broker's HAL API for the
 * resources the Pact Broker source reads: environments, versions deployed in
 * production, the integrations list (one document, as the broker serves it),
 * each pair's latest pact and its latest verification, and the matrix. A pair
 * whose pact follows the spec verified; the others failed. Counts the
 * requests it answers.
 */
export async function startPactBrokerDouble(pairs: PlannedPair[]) {
  let base = '';
  const stats = { requests: 0 };
  const byPath = new Map<string, PlannedPair>();
  const pactPath = (p: PlannedPair) =>
    `/pacts/provider/${encodeURIComponent(
      p.providerPacticipant,
    )}/consumer/${encodeURIComponent(p.consumerPacticipant)}`;
  for (const pair of pairs) byPath.set(pactPath(pair), pair);
  /** Verifications published again since the start, per pair. */
  const revisions = new Map<PlannedPair, number>();
  const verifiedAt = (pair: PlannedPair) =>
    new Date(
      Date.UTC(2026, 10, 1 + (pair.consumerRef.length % 20), 8) +
        (revisions.get(pair) ?? 0) * 60_000,
    ).toISOString();

  const pact = (pair: PlannedPair): Hal => ({
    ...pactDocument(pair),
    createdAt: '2026-11-01T10:00:00+00:00',
    _links: {
      self: { href: `${base}${pactPath(pair)}/latest` },
      'pb:consumer-version': {
        name: versionOf(pair.consumerPacticipant),
        href: `${base}/pacticipants/${
          pair.consumerPacticipant
        }/versions/${versionOf(pair.consumerPacticipant)}`,
      },
      'pb:latest-verification-results': {
        href: `${base}${pactPath(pair)}/pact-version/${
          pair.valid ? 'a1' : 'b2'
        }/verification-results/latest`,
      },
    },
  });
  const verification = (pair: PlannedPair): Hal => ({
    success: pair.valid,
    providerApplicationVersion: versionOf(pair.providerPacticipant),
    verificationDate: verifiedAt(pair),
    buildUrl: `https://ci.example.com/${pair.providerPacticipant}/builds/1`,
  });

  const pacticipants = new Set(
    pairs.flatMap(p => [p.consumerPacticipant, p.providerPacticipant]),
  );
  const routes: Record<string, () => Hal> = {
    '/environments': () => ({
      _embedded: {
        environments: [
          { uuid: 'e-test', name: 'test', production: false },
          { uuid: 'e-prod', name: 'production', production: true },
        ],
      },
    }),
    '/environments/e-prod/deployed-versions/currently-deployed': () => ({
      _embedded: {
        deployedVersions: [...pacticipants].filter(deployed).map(name => ({
          currentlyDeployed: true,
          _embedded: {
            pacticipant: { name },
            version: { number: versionOf(name) },
          },
        })),
      },
    }),
    // Every pair's latest pact and verification in one document, as the
    // broker's dashboard lists them.
    '/dashboard': () => ({
      items: pairs.map((pair, i) => ({
        consumer: {
          name: pair.consumerPacticipant,
          version: { number: versionOf(pair.consumerPacticipant) },
        },
        provider: {
          name: pair.providerPacticipant,
          version: { number: versionOf(pair.providerPacticipant) },
        },
        pact: {
          createdAt: '2026-11-01T10:00:00+00:00',
          _links: { self: { href: `${base}${pactPath(pair)}/latest` } },
        },
        latestVerificationResult: {
          success: pair.valid,
          verifiedAt: verifiedAt(pair),
          _links: {
            self: {
              href: `${base}${pactPath(pair)}/verification-results/${
                revisions.get(pair) ?? 0
              }`,
            },
          },
        },
        verificationStatus: statusOf(pair, i),
      })),
    }),
    '/integrations': () => ({
      _embedded: {
        integrations: pairs.map((pair, i) => ({
          consumer: { name: pair.consumerPacticipant },
          provider: { name: pair.providerPacticipant },
          verificationStatus: statusOf(pair, i),
          _links: {
            'pb:latest-pact': { href: `${base}${pactPath(pair)}/latest` },
          },
        })),
      },
      _links: { self: { href: `${base}/integrations` } },
    }),
  };

  const answer = (url: URL): Hal | undefined => {
    const route = routes[url.pathname];
    if (route) return route();
    if (url.pathname === '/matrix') {
      const [consumer, provider] = url.searchParams.getAll('q[][pacticipant]');
      const pair = byPath.get(
        `/pacts/provider/${encodeURIComponent(
          provider,
        )}/consumer/${encodeURIComponent(consumer)}`,
      );
      if (!pair) return { summary: { deployable: false }, matrix: [] };
      return {
        summary: { deployable: pair.valid },
        matrix: [
          {
            consumer: {
              name: consumer,
              version: { number: versionOf(consumer) },
            },
            provider: {
              name: provider,
              version: { number: versionOf(provider) },
            },
            verificationResult: {
              success: pair.valid,
              verifiedAt: verifiedAt(pair),
              _links: { self: { href: `${base}/verification-results/1` } },
            },
          },
        ],
      };
    }
    const latest = /^(.*)\/latest$/.exec(url.pathname);
    const verificationPath =
      /^(.*)\/pact-version\/[^/]+\/verification-results\/latest$/.exec(
        url.pathname,
      );
    if (verificationPath) {
      const pair = byPath.get(verificationPath[1]);
      return pair && verification(pair);
    }
    const pair = latest && byPath.get(latest[1]);
    return pair ? pact(pair) : undefined;
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const found = answer(new URL(req.url ?? '/', base));
    if (found) json(res, 200, found);
    else json(res, 404, { error: 'not found' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    stats,
    /** The provider publishes a new verification of one pair. */
    verifyAgain: (pair: PlannedPair) =>
      revisions.set(pair, (revisions.get(pair) ?? 0) + 1),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
