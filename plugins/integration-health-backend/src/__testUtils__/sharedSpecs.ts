// Third-party test specs (see ../shared/fixtures/spec-diff/README.md), read
// by path: the OpenAPI files of openapi-diff's suite and the AsyncAPI pairs
// of asyncapi/diff. CI must have them.
import fs from 'node:fs';
import path from 'node:path';

/** The shared spec-diff fixtures folder, beside the repository. */
export const SHARED_SPECS = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/spec-diff',
);

/** Every YAML or JSON file below `dir`; none when it does not exist. */
export function specFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(file);
    return /\.(ya?ml|json)$/.test(entry.name) ? [file] : [];
  });
}
