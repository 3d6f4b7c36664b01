import { matchesPathTemplate, parsePathTemplate } from './pathTemplate';

const matches = (template: string, path: string) =>
  matchesPathTemplate(parsePathTemplate(template), path);

describe('path templates', () => {
  it('matches literal paths exactly and parameters to one segment', () => {
    expect(matches('/transactions', '/transactions')).toBe(true);
    expect(matches('/transactions', '/transactions/')).toBe(false);
    expect(matches('/transactions/{id}', '/transactions/t-1')).toBe(true);
    expect(matches('/transactions/{id}', '/transactions/')).toBe(false);
    expect(matches('/transactions/{id}', '/transactions/a/b')).toBe(false);
    expect(matches('/a.b/{id}', '/aXb/1')).toBe(false); // dots are literal
  });

  it('matches parameters within a segment, each standing for at least one character', () => {
    expect(matches('/files/{name}.json', '/files/report.json')).toBe(true);
    expect(matches('/files/{name}.json', '/files/.json')).toBe(false);
    expect(matches('/files/{name}.json', '/files/a.json.json')).toBe(true);
    expect(matches('/v{major}.{minor}/x', '/v1.2/x')).toBe(true);
    expect(matches('/v{major}.{minor}/x', '/v1./x')).toBe(false);
    expect(matches('/{a}-{b}-{c}', '/x-y-z')).toBe(true);
    expect(matches('/{a}-{b}-{c}', '/x--z')).toBe(false);
    expect(matches('/{a}-{b}-{c}', '/x-y-z-w')).toBe(true);
    expect(matches('/{a}{b}', '/x')).toBe(false);
    expect(matches('/{a}{b}', '/xy')).toBe(true);
  });

  it('answers at once for a long hostile path against adjacent parameters', () => {
    // `^/[^/]+[^/]+[^/]+$` takes cubic time on this; the scan is linear.
    const path = `/${'a'.repeat(200_000)}/`;
    const started = process.hrtime.bigint();
    expect(matches('/{a}{b}{c}', path)).toBe(false);
    expect(matches('/{a}-{b}-{c}x', `/${'a-'.repeat(100_000)}`)).toBe(false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(500);
  });
});
