import { isRecord } from '@integration-health/plugin-integration-health-common';

type Route = { template: string; pattern: RegExp; params: number };

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
  private readonly routes: Route[];
  private readonly bases: string[];

  constructor(document: unknown) {
    const doc = isRecord(document) ? document : {};
    this.bases = basePaths(doc);
    this.routes = Object.keys(isRecord(doc.paths) ? doc.paths : {})
      .map(template => {
        const parts = template.split(/\{[^}]+\}/);
        const escaped = parts.map(p => p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
        return {
          template,
          pattern: new RegExp(`^${escaped.join('[^/]+')}$`),
          params: parts.length - 1,
        };
      })
      // Literal paths win over templated ones, as in OpenAPI routing.
      .sort((a, b) => a.params - b.params);
  }

  operationOf(method: string, path: string): string {
    for (const base of this.bases) {
      if (base && !path.startsWith(base)) continue;
      const rest = path.slice(base.length) || '/';
      const route = this.routes.find(r => r.pattern.test(rest));
      if (route) return `${method} ${route.template}`;
    }
    return `${method} ${path}`;
  }
}
