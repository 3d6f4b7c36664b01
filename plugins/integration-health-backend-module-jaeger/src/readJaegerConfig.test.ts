import { ConfigReader } from '@backstage/config';
import { readJaegerConfig } from './readJaegerConfig';

const withJaeger = (jaeger: object) =>
  new ConfigReader({ integrationHealth: { observations: { jaeger } } });

describe('readJaegerConfig', () => {
  it('is off without integrationHealth.observations.jaeger', () => {
    expect(readJaegerConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readJaegerConfig(new ConfigReader({ integrationHealth: {} })),
    ).toBeUndefined();
  });

  it('defaults to a 60 minute lookback and a 30 s timeout, no headers', () => {
    expect(
      readJaegerConfig(withJaeger({ baseUrl: 'http://jaeger:16686' })),
    ).toEqual({
      baseUrl: 'http://jaeger:16686',
      lookbackMinutes: 60,
      headers: {},
      timeoutMs: 30_000,
    });
  });

  it('reads the lookback, the timeout and the headers', () => {
    expect(
      readJaegerConfig(
        withJaeger({
          baseUrl: 'https://tracing.example.com/jaeger',
          lookbackMinutes: 1440,
          timeoutSeconds: 10,
          headers: { Authorization: 'Bearer abc', 'X-Scope-OrgID': 'prod' },
        }),
      ),
    ).toEqual({
      baseUrl: 'https://tracing.example.com/jaeger',
      lookbackMinutes: 1440,
      headers: { Authorization: 'Bearer abc', 'X-Scope-OrgID': 'prod' },
      timeoutMs: 10_000,
    });
  });

  it.each([
    [
      { lookbackMinutes: 0 },
      /lookbackMinutes must be a whole number from 1 to 10080, got 0/,
    ],
    [{ lookbackMinutes: 10_081 }, /lookbackMinutes must be .* got 10081/],
    [{ lookbackMinutes: 1.5 }, /lookbackMinutes must be .* got 1.5/],
    [
      { timeoutSeconds: 0 },
      /timeoutSeconds must be a whole number from 1 to 300, got 0/,
    ],
    [{ timeoutSeconds: 301 }, /timeoutSeconds must be .* got 301/],
    [
      { baseUrl: 'jaeger:16686' },
      /baseUrl must be an http\(s\) URL, got jaeger:16686/,
    ],
    [{ baseUrl: 'file:///etc/passwd' }, /baseUrl must be an http\(s\) URL/],
    [{ headers: { Authorization: 7 } }, /headers.Authorization/],
  ])('refuses %j', (bad, message) => {
    expect(() =>
      readJaegerConfig(withJaeger({ baseUrl: 'http://jaeger:16686', ...bad })),
    ).toThrow(message);
  });
});
