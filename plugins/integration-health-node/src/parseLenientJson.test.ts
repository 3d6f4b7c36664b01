import { parseLenientJson } from './parseLenientJson';

describe('parseLenientJson', () => {
  it('reads a mapping file with line and block comments, as WireMock does', () => {
    const text = [
      '\uFEFF// Stubs for the accounts service',
      '{',
      '  /* recorded 2026-03-02,',
      '     then edited by hand */',
      '  "request": { "method": "GET", "url": "/accounts/7" }, // the one we use',
      '  "response": { "status": 200, "body": "see http://example.com/* and // not a comment" }',
      '}',
    ].join('\n');
    expect(parseLenientJson(text)).toEqual({
      request: { method: 'GET', url: '/accounts/7' },
      response: {
        status: 200,
        body: 'see http://example.com/* and // not a comment',
      },
    });
  });

  it('keeps escaped quotes inside strings as string content', () => {
    expect(parseLenientJson('{"a": "x\\" // y", /* c */ "b": 1}')).toEqual({
      a: 'x" // y',
      b: 1,
    });
  });

  it('says where the text is not JSON', () => {
    expect(() => parseLenientJson('{\n  "a": 1,\n  /* open')).toThrow(
      'a /* comment on line 3 is never closed',
    );
    expect(() => parseLenientJson('// only\n{"a": }')).toThrow(SyntaxError);
  });

  it('reads hostile text in linear time', () => {
    const started = process.hrtime.bigint();
    for (const text of [
      '/*'.repeat(100_000),
      `"${'\\'.repeat(200_001)}`,
      `{${'//\n'.repeat(70_000)}}`,
      `[${'"/*",'.repeat(40_000)}1]`,
    ]) {
      try {
        parseLenientJson(text);
      } catch {
        // only the time matters here
      }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(1000);
  });
});
