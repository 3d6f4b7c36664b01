import { SpecHistorySeed } from '@integration-health/plugin-integration-health-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type HistoryFile = {
  apis: {
    entityRef: string;
    versions: {
      version: string;
      /** A date (YYYY-MM-DD), or ... */
      publishedAt?: string;
      /** ... days before the portal started, for changes the demo shows as recent. */
      daysAgo?: number;
      /** An earlier definition, relative to the history file. */
      file?: string;
      /** `catalog`: the definition in the API entity file today. */
      definition?: 'catalog';
    }[];
  }[];
};

/** Reads examples/history.yaml: each demo API's versions with their publication dates. */
export function loadDemoSpecHistory(historyFile: string): SpecHistorySeed[] {
  const dir = path.dirname(historyFile);
  const history: HistoryFile = parse(fs.readFileSync(historyFile, 'utf8'));
  return history.apis.flatMap(api =>
    api.versions.map(version => {
      let definition: string;
      if (version.file) {
        definition = fs.readFileSync(path.resolve(dir, version.file), 'utf8');
      } else {
        const name = api.entityRef.split('/').pop()!;
        const entity = parse(
          fs.readFileSync(path.join(dir, 'apis', name, 'api.yaml'), 'utf8'),
        );
        definition = entity.spec.definition;
      }
      return {
        apiRef: api.entityRef,
        definition,
        publishedAt:
          version.daysAgo !== undefined
            ? new Date(Date.now() - version.daysAgo * 86_400_000)
            : new Date(`${version.publishedAt}T09:00:00Z`),
      };
    }),
  );
}
