import { RE2JS } from 're2js';

/**
 * A regular-expression engine for Ajv that runs in time linear in the text:
 * schema `pattern`s come from specs and the text they are applied to from
 * mocks, so neither may make a check backtrack for minutes. re2js is a pure
 * JavaScript port of RE2 (no native addon to build). Patterns RE2 cannot run
 * (backreferences, lookarounds) are not checked at all: they are reported to
 * `unsupported` and treated as met, rather than run by a backtracking engine.
 */
export function linearRegExp(unsupported: (pattern: string) => void) {
  const engine = (pattern: string) => {
    // Ajv keeps one engine object per distinct toString().
    const toString = () => `re2:${pattern}`;
    try {
      const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
      return { test: (text: string) => compiled.test(text), toString };
    } catch {
      unsupported(pattern);
      return { test: () => true, toString };
    }
  };
  // Ajv's standalone code generation names the engine's module.
  engine.code = 'require("re2js").RE2JS';
  return engine;
}
