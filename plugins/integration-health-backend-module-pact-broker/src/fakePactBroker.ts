import http from 'node:http';
import { AddressInfo } from 'node:net';

export type BrokerFault =
  | 'none'
  | '500'
  | 'hang'
  | 'malformed'
  | 'offsite-link';

/**
 * A local HTTP server that answers like a Pact Broker's HAL API (the
 * resources the source reads), with faults to switch on. For tests.
 */
export async function startFakePactBroker() {
  let base = '';
  const state = {
    fault: 'none' as BrokerFault,
    requests: [] as { url: string; authorization?: string }[],
    /** Whether the broker serves its dashboard (older brokers may not), or refuses it. */
    dashboard: true as boolean | 'forbidden',
    /** Verifications of intake → validation published since the start. */
    reverified: 0,
    /** The legacy pair is deleted from the broker. */
    legacyDeleted: false,
    /** The latest pact of intake → validation answers 404. */
    noIntakePact: false,
  };
  const intakeVerifiedAt = () =>
    `2026-11-20T${String(8 + state.reverified).padStart(2, '0')}:00:00+00:00`;
  const dashboardItem = (
    consumer: string,
    provider: string,
    verifiedAt: string,
  ) => ({
    consumer: { name: consumer, version: { number: 'v' } },
    provider: { name: provider, version: { number: 'v' } },
    pact: {
      createdAt: '2026-11-01T10:00:00+00:00',
      _links: { self: { href: `${base}/pacts/${provider}/${consumer}` } },
    },
    latestVerificationResult: { success: true, verifiedAt },
    verificationStatus: 'success',
  });
  const pact = (
    consumer: string,
    provider: string,
    consumerVersion: string,
    body: object,
  ) => ({
    consumer: { name: consumer },
    provider: { name: provider },
    ...body,
    metadata: { pactSpecification: { version: '3.0.0' } },
    createdAt: '2026-11-01T10:00:00+00:00',
    _links: {
      self: {
        href: `${base}/pacts/provider/${provider}/consumer/${consumer}/latest`,
      },
      'pb:consumer-version': {
        name: consumerVersion,
        href: `${base}/pacticipants/${consumer}/versions/${consumerVersion}`,
      },
      'pb:latest-verification-results': {
        href: `${base}/pacts/provider/${provider}/consumer/${consumer}/pact-version/abc/verification-results/latest`,
      },
    },
  });
  const routes: Record<string, () => object> = {
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
        deployedVersions: [
          {
            currentlyDeployed: true,
            _embedded: {
              pacticipant: { name: 'transaction-intake' },
              version: { number: 'intake-4f2a9c1' },
            },
          },
          {
            currentlyDeployed: true,
            _embedded: {
              pacticipant: { name: 'validation-svc' },
              version: { number: '1.3.0' },
            },
          },
        ],
      },
    }),
    '/integrations': () => ({
      _embedded: {
        integrations: [
          {
            consumer: { name: 'transaction-intake' },
            provider: { name: 'validation-svc' },
            verificationStatus: 'success',
            _links: {
              'pb:latest-pact': {
                href: `${base}/pacts/provider/validation-svc/consumer/transaction-intake/latest`,
              },
            },
          },
        ],
      },
      _links: {
        self: { href: `${base}/integrations` },
        next: {
          href:
            state.fault === 'offsite-link'
              ? 'http://elsewhere.example/integrations?page=2'
              : `${base}/integrations?page=2`,
        },
      },
    }),
    '/dashboard': () => ({
      items: [
        dashboardItem(
          'transaction-intake',
          'validation-svc',
          intakeVerifiedAt(),
        ),
        ...(state.legacyDeleted
          ? []
          : [
              dashboardItem(
                'account-management-legacy',
                'transaction-processing',
                '2026-09-01T08:00:00+00:00',
              ),
            ]),
      ],
    }),
    '/integrations?page=2': () => ({
      _embedded: {
        integrations: [
          ...(state.legacyDeleted
            ? []
            : [
                {
                  consumer: { name: 'account-management-legacy' },
                  provider: { name: 'transaction-processing' },
                  verificationStatus: 'stale',
                },
              ]),
          {
            consumer: { name: 'not-in-the-catalog' },
            provider: { name: 'validation-svc' },
            verificationStatus: 'failed',
          },
        ],
      },
      _links: { self: { href: `${base}/integrations?page=2` } },
    }),
    '/pacts/provider/validation-svc/consumer/transaction-intake/latest': () =>
      pact('transaction-intake', 'validation-svc', 'intake-4f2a9c1', {
        interactions: [
          {
            description: 'list the fraud rules',
            request: { method: 'GET', path: '/rules', query: 'category=fraud' },
            response: {
              status: 200,
              headers: { 'Content-Type': 'application/json' },
              body: [{ id: 'r-1', category: 'fraud' }],
            },
          },
        ],
      }),
    '/pacts/provider/validation-svc/consumer/transaction-intake/pact-version/abc/verification-results/latest':
      () => ({
        success: true,
        providerApplicationVersion: '1.3.0',
        verificationDate: intakeVerifiedAt(),
        buildUrl: 'https://ci.example.com/validation/builds/77',
      }),
    '/pacts/provider/transaction-processing/consumer/account-management-legacy/latest':
      () =>
        pact(
          'account-management-legacy',
          'transaction-processing',
          'legacy-9.7.3',
          {
            messages: [
              {
                description: 'a transaction was booked',
                metaData: { channel: 'transactions.booked' },
                contents: { transactionId: 't', accountId: 'a' },
              },
            ],
          },
        ),
    '/pacts/provider/transaction-processing/consumer/account-management-legacy/pact-version/abc/verification-results/latest':
      () => ({
        success: true,
        providerApplicationVersion: '1.0.0',
        verificationDate: '2026-09-01T08:00:00+00:00',
      }),
    '/matrix?q[][pacticipant]=transaction-intake&q[][version]=intake-4f2a9c1&q[][pacticipant]=validation-svc&q[][version]=1.3.0&latestby=cvpv':
      () => ({
        summary: { deployable: true },
        matrix: [
          {
            consumer: {
              name: 'transaction-intake',
              version: { number: 'intake-4f2a9c1' },
            },
            provider: { name: 'validation-svc', version: { number: '1.3.0' } },
            verificationResult: {
              success: true,
              verifiedAt: '2026-11-20T08:00:00+00:00',
              _links: { self: { href: `${base}/verification-results/1` } },
            },
          },
        ],
      }),
  };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    state.requests.push({ url, authorization: req.headers.authorization });
    if (state.fault === 'hang') return;
    if (state.fault === '500') {
      res
        .writeHead(500, { 'Content-Type': 'text/html' })
        .end('<h1>Internal Server Error</h1>');
      return;
    }
    if (state.fault === 'malformed' && url === '/integrations') {
      res
        .writeHead(200, { 'Content-Type': 'application/hal+json' })
        .end('{"_embedded": {"integrations": [');
      return;
    }
    const route = routes[url];
    if (url === '/dashboard' && state.dashboard === 'forbidden') {
      res
        .writeHead(403, { 'Content-Type': 'application/hal+json' })
        .end('{"error":"forbidden"}');
      return;
    }
    const gone =
      (url === '/dashboard' && !state.dashboard) ||
      (state.noIntakePact &&
        url.startsWith(
          '/pacts/provider/validation-svc/consumer/transaction-intake/latest',
        ));
    if (!route || gone) {
      res
        .writeHead(404, { 'Content-Type': 'application/hal+json' })
        .end('{"error":"not found"}');
      return;
    }
    res
      .writeHead(200, { 'Content-Type': 'application/hal+json' })
      .end(JSON.stringify(route()));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    state,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
