import http from 'node:http';
import { AddressInfo } from 'node:net';

export type TestServer = {
  url: string;
  /** Every request received, in order. */
  requests: http.IncomingMessage[];
  close(): Promise<void>;
};

/**
 * An HTTP server on a free loopback port answering with `handler`; `close`
 * also drops connections left hanging by a test.
 */
export async function startTestServer(
  handler: http.RequestListener,
): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
