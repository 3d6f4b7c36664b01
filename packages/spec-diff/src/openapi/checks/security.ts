import { OpenApiContext } from '../OpenApiContext';
import { Operation } from '../operations';

type Requirement = Record<string, string[]>;

const SCHEME_FIELDS: [field: string, id: string][] = [
  ['type', 'api-security-component-type-changed'],
  ['scheme', 'api-security-component-scheme-changed'],
  ['in', 'api-security-component-in-changed'],
  ['name', 'api-security-component-name-changed'],
  ['bearerFormat', 'api-security-component-bearer-format-changed'],
  ['openIdConnectUrl', 'api-security-component-open-id-connect-url-changed'],
];

// Where and how clients send credentials: a change refuses them.
const BREAKS_CLIENTS = new Set(['scheme', 'in', 'name', 'openIdConnectUrl']);

const keyOf = (req: Requirement) =>
  Object.keys(req).sort().join('+') || '(none)';

function compareRequirements(
  context: OpenApiContext,
  before: Requirement[] | undefined,
  after: Requirement[] | undefined,
  options: { prefix: 'api' | 'api-global'; location: string; pointer: string },
): void {
  const { findings } = context;
  const { prefix, location, pointer } = options;
  const b = new Map((before ?? []).map(r => [keyOf(r), r]));
  const a = new Map((after ?? []).map(r => [keyOf(r), r]));
  for (const [key, req] of a) {
    const old = b.get(key);
    if (!old) {
      findings.add({
        id: `${prefix}-security-added`,
        location,
        pointer,
        message: `security requirement ${key} added`,
        subject: key,
      });
      continue;
    }
    for (const [scheme, scopes] of Object.entries(req)) {
      for (const scope of scopes ?? []) {
        if (!(old[scheme] ?? []).includes(scope)) {
          findings.add({
            id: `${prefix}-security-scope-added`,
            location,
            pointer,
            message: `scope '${scope}' of ${scheme} added`,
            subject: `${key}|${scope}`,
          });
        }
      }
      for (const scope of old[scheme] ?? []) {
        if (!(scopes ?? []).includes(scope)) {
          findings.add({
            id: `${prefix}-security-scope-removed`,
            location,
            pointer,
            message: `scope '${scope}' of ${scheme} removed`,
            subject: `${key}|${scope}`,
          });
        }
      }
    }
  }
  for (const key of b.keys()) {
    if (!a.has(key)) {
      findings.add({
        id: `${prefix}-security-removed`,
        location,
        pointer,
        message: `security requirement ${key} removed`,
        subject: key,
      });
    }
  }
}

export function checkOperationSecurity(
  context: OpenApiContext,
  base: Operation,
  revision: Operation,
): void {
  if (base.node.security === undefined && revision.node.security === undefined)
    return;
  // Consumers do not authenticate to receive webhooks and callbacks.
  if (revision.received) return;
  const root = (doc: any) => doc?.security;
  compareRequirements(
    context,
    base.node.security ?? root(context.base.root),
    revision.node.security ?? root(context.revision.root),
    {
      prefix: 'api',
      location: revision.location,
      pointer: `${revision.pointer}/security`,
    },
  );
}

/** Document-wide security requirements and the security schemes themselves. */
export function checkGlobalSecurity(context: OpenApiContext): void {
  const base = context.base.root as any;
  const revision = context.revision.root as any;
  compareRequirements(context, base?.security, revision?.security, {
    prefix: 'api-global',
    location: 'security',
    pointer: '/security',
  });

  const { findings } = context;
  const before = base?.components?.securitySchemes ?? {};
  const after = revision?.components?.securitySchemes ?? {};
  for (const name of Object.keys(before)) {
    if (!(name in after)) {
      findings.add({
        id: 'api-security-component-removed',
        location: `security scheme ${name}`,
        pointer: `/components/securitySchemes/${name}`,
        message: `security scheme '${name}' removed`,
      });
    }
  }
  for (const [name, scheme] of Object.entries<any>(after)) {
    const location = `security scheme ${name}`;
    const pointer = `/components/securitySchemes/${name}`;
    const old = before[name];
    if (!old) {
      findings.add({
        id: 'api-security-component-added',
        location,
        pointer,
        message: `security scheme '${name}' added`,
      });
      continue;
    }
    for (const [field, id] of SCHEME_FIELDS) {
      if (old[field] !== scheme[field]) {
        findings.add({
          id,
          location,
          pointer,
          message: `${field} changed from ${old[field] ?? 'none'} to ${
            scheme[field] ?? 'none'
          }${
            BREAKS_CLIENTS.has(field)
              ? ': clients sending credentials the old way are refused'
              : ''
          }`,
          subject: field,
        });
      }
    }
    for (const [flowName, flow] of Object.entries<any>(scheme.flows ?? {})) {
      const oldFlow = old.flows?.[flowName] ?? {};
      for (const field of ['authorizationUrl', 'refreshUrl']) {
        if (oldFlow[field] !== flow[field]) {
          findings.add({
            id: 'api-security-component-oauth-url-changed',
            location,
            pointer,
            message: `${flowName} ${field} changed`,
            subject: `${flowName}|${field}`,
          });
        }
      }
      if (oldFlow.tokenUrl !== flow.tokenUrl) {
        findings.add({
          id: 'api-security-component-oauth-token-url-changed',
          location,
          pointer,
          message: `${flowName} tokenUrl changed`,
          subject: `${flowName}|tokenUrl`,
        });
      }
      const scopesBefore = Object.keys(oldFlow.scopes ?? {});
      const scopesAfter = Object.keys(flow.scopes ?? {});
      for (const scope of scopesAfter.filter(s => !scopesBefore.includes(s))) {
        findings.add({
          id: 'api-security-component-oauth-scope-added',
          location,
          pointer,
          message: `${flowName} scope '${scope}' added`,
          subject: `${flowName}|${scope}`,
        });
      }
      for (const scope of scopesBefore.filter(s => !scopesAfter.includes(s))) {
        findings.add({
          id: 'api-security-component-oauth-scope-removed',
          location,
          pointer,
          message: `${flowName} scope '${scope}' removed`,
          subject: `${flowName}|${scope}`,
        });
      }
    }
  }
}
