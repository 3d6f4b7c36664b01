import { redactReason } from './redactReason';

describe('redactReason', () => {
  it('keeps the origin of a URL and drops its path, query string and credentials', () => {
    expect(
      redactReason(
        'GET https://broker.example.com/pacts/provider/x/latest?token=s3cr3t answered 500 Internal Server Error',
      ),
    ).toBe(
      'GET https://broker.example.com/… answered 500 Internal Server Error',
    );
    expect(
      redactReason(
        'url:https://user:pw@git.example.com/raw/a.json is not JSON',
      ),
    ).toBe('url:https://git.example.com/… is not JSON');
  });

  it('keeps only the last part of a file path', () => {
    expect(
      redactReason(
        'component:default/legacy: /srv/backstage/repos/ledger/mocks/broken.json is not JSON (Unexpected token)',
      ),
    ).toBe(
      'component:default/legacy: …/broken.json is not JSON (Unexpected token)',
    );
    expect(
      redactReason("ENOENT: no such file, open '/etc/secrets/x.json'"),
    ).toBe("ENOENT: no such file, open '…/x.json'");
  });

  it('leaves a reason without URLs or paths as it is', () => {
    expect(redactReason('no answer within 60 s')).toBe('no answer within 60 s');
  });

  it('takes linear time on a long hostile reason', () => {
    const hostile = `${'/a'.repeat(50_000)} ${'https://x'.repeat(10_000)}`;
    const start = Date.now();
    redactReason(hostile);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
