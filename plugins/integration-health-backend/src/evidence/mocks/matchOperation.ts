import { isRecord } from '@integration-health/plugin-integration-health-common';
import {
  matchesPathTemplate,
  parsePathTemplate,
  PathTemplate,
} from './pathTemplate';

/** The server base paths of an OpenAPI 2 or 3 document ('' always included). */
function basePaths(document: Record<string, unknown>): string[] {
  const bases = new Set<string>(['']);
  if (typeof document.basePath === 'string')
    bases.add(document.basePath.replace(/\/$/, ''));
  for (const server of Array.isArray(document.servers)
    ? document.servers
    : []) {
    if (!isRecord(server) || typeof server.url !== 'string') continue;
    try {
      bases.add(new URL(server.url, 'http://base').pathname.replace(/\/$/, ''));
    } catch {
      // A templated server URL; its path cannot be known.
    }
  }
  return [...bases];
}

/**
 * Names mocked requests by the OpenAPI path template they hit, so two mocks
 * of `GET /transactions/1` and `/2` count as one operation.
 */
export class OperationMatcher {
  private readonly routes: PathTemplate[];
  private readonly bases: string[];
  private readonly methods = new Map<string, Set<string>>();

  constructor(document: unknown) {
    const doc = isRecord(document) ? document : {};
    this.bases = basePaths(doc);
    for (const [template, item] of Object.entries(
      isRecord(doc.paths) ? doc.paths : {},
    )) {
      if (!isRecord(item)) continue;
      this.methods.set(
        template,
        new Set(
          Object.keys(item)
            .filter(key => isRecord(item[key]))
            .map(key => key.toUpperCase()),
        ),
      );
    }
    this.routes = Object.keys(isRecord(doc.paths) ? doc.paths : {})
      .map(parsePathTemplate)
      // Literal paths win over templated ones, as in OpenAPI routing.
      .sort((a, b) => a.params - b.params);
  }

  /** The path template a request path hits, with the path below the server's base path. */
  routeOf(path: string): { template: string; path: string } | undefined {
    for (const base of this.bases) {
      if (base && !path.startsWith(base)) continue;
      const rest = path.slice(base.length) || '/';
      const route = this.routes.find(r => matchesPathTemplate(r, rest));
      if (route) return { template: route.template, path: rest };
    }
    return undefined;
  }

  /** Whether the spec declares this method on this path template. */
  declares(method: string, template: string): boolean {
    return this.methods.get(template)?.has(method.toUpperCase()) ?? false;
  }

  operationOf(method: string, path: string): string {
    return `${method} ${this.routeOf(path)?.template ?? path}`;
  }
}
