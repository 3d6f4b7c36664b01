import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PlannedPair } from './evidencePlan';
import { pactDocument, wireMockDocument } from './mockDocuments';

const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * A temporary directory laid out as consumers keep their mocks next to their
 * catalog file: `mocks/<consumer>/<provider>.json`, every other file a pact,
 * the rest WireMock mappings. The entities' catalog file is
 * `<root>/catalog-info.yaml`, so their `dir:./mocks/<consumer>` annotations
 * resolve here.
 */
export async function writeMockFiles(pairs: PlannedPair[]) {
  const root = await fs.mkdtemp(
    path.join(os.tmpdir(), 'integration-health-bench-'),
  );
  let index = 0;
  for (const pair of pairs) {
    const dir = path.join(root, 'mocks', nameOf(pair.consumerRef));
    await fs.mkdir(dir, { recursive: true });
    const document =
      index++ % 2 === 0 ? pactDocument(pair) : wireMockDocument(pair);
    await fs.writeFile(
      path.join(dir, `${nameOf(pair.providerRef)}.json`),
      JSON.stringify(document, null, 2),
    );
  }
  return {
    root,
    catalogFile: path.join(root, 'catalog-info.yaml'),
    files: pairs.length,
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}
