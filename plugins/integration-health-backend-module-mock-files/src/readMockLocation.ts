import {
  LocationFile,
  parseLenientJson,
} from '@integration-health/plugin-integration-health-node';

/** One JSON file found at a mock location, parsed. */
export type MockFile = {
  /** Path under the location (`transaction-intake/submit.json`), or the URL. */
  name: string;
  /** The parsed JSON; the file's text when it is not JSON. */
  content: unknown;
  url?: string;
  /** Why the file is not JSON: one unreadable mock, not a failed location. */
  problem?: string;
};

/**
 * A file's JSON, read as WireMock reads it (comments allowed), or why it is
 * not JSON: a file that is not JSON costs only itself.
 */
export function readMockFile(file: LocationFile): MockFile {
  try {
    return {
      name: file.name,
      url: file.url,
      content: parseLenientJson(file.text),
    };
  } catch (error) {
    return {
      name: file.name,
      url: file.url,
      content: file.text,
      problem: `it is not JSON (${(error as Error).message})`,
    };
  }
}
