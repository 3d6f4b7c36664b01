import { openApiDefinition } from '../syntheticCatalog';
import { PlannedPair } from './evidencePlan';

type Operation = {
  method: string;
  path: string;
  status: number;
  requestBody?: object;
  responseBody?: unknown;
};

const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A value for each property of the Item schema, as a provider would send it. */
function exampleItem(schema: {
  required: string[];
  properties: Record<string, { type: string; format?: string }>;
}) {
  const item: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (property.type === 'number') item[key] = 12.5;
    else if (property.format === 'date-time')
      item[key] = '2026-10-01T09:30:00Z';
    else item[key] = key === 'id' ? 'item-1' : `${key}-value`;
  }
  return item;
}

/**
 * The operations a consumer of this provider's API calls, read from the
 * provider's OpenAPI definition (version 1.0.0, as the synthetic catalog
 * publishes it), with example bodies built from its schema. An invalid mock
 * departs from the spec in one of the ways consumers' mocks do: a renamed
 * required field, a path the provider does not have, an undeclared status.
 */
export function consumedOperations(pair: PlannedPair): Operation[] {
  const providerName = nameOf(pair.providerRef);
  const spec = JSON.parse(
    openApiDefinition(providerName, '1.0.0', { requiredField: 'accountId' }),
  );
  const item = exampleItem(spec.components.schemas.Item);
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(
    spec.paths,
  )) {
    for (const [method, operation] of Object.entries<any>(methods)) {
      const status = Number(Object.keys(operation.responses)[0]);
      const schema =
        operation.responses[status]?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path: path.replace('{id}', 'item-1'),
        status,
        requestBody: operation.requestBody ? item : undefined,
        responseBody: schema && (schema.type === 'array' ? [item] : item),
      });
    }
  }
  if (pair.valid) return operations;
  const [first, ...rest] = operations;
  const fault = Number(pair.apiRef.replace(/\D/g, '')) % 3;
  if (fault === 0) {
    const { accountId, ...renamed } = item;
    return [
      { ...first, responseBody: [{ ...renamed, accountRef: accountId }] },
      ...rest,
    ];
  }
  if (fault === 1) {
    return [{ ...first, path: `/${providerName}/orders` }, ...rest];
  }
  return [{ ...first, status: 500 }, ...rest];
}

/** The pact a consumer publishes for this pair (Pact specification 3). */
export function pactDocument(pair: PlannedPair) {
  return {
    consumer: { name: pair.consumerPacticipant },
    provider: { name: pair.providerPacticipant },
    interactions: consumedOperations(pair).map(op => ({
      description: `${op.method} ${op.path}`,
      request: {
        method: op.method,
        path: op.path,
        ...(op.requestBody
          ? {
              headers: { 'Content-Type': 'application/json' },
              body: op.requestBody,
            }
          : {}),
      },
      response: {
        status: op.status,
        ...(op.responseBody !== undefined
          ? {
              headers: { 'Content-Type': 'application/json' },
              body: op.responseBody,
            }
          : {}),
      },
    })),
    metadata: {
      pactSpecification: { version: '3.0.0' },
      'integration-health': { specVersion: '1.0.0' },
    },
  };
}

/** The WireMock mapping file a consumer keeps for this pair. */
export function wireMockDocument(pair: PlannedPair) {
  return {
    mappings: consumedOperations(pair).map(op => ({
      name: `${op.method} ${op.path}`,
      request: {
        method: op.method,
        urlPath: op.path,
        ...(op.requestBody
          ? { bodyPatterns: [{ equalToJson: op.requestBody }] }
          : {}),
      },
      response: {
        status: op.status,
        ...(op.responseBody !== undefined
          ? {
              headers: { 'Content-Type': 'application/json' },
              jsonBody: op.responseBody,
            }
          : {}),
      },
      metadata: { provider: pair.providerPacticipant, specVersion: '1.0.0' },
    })),
  };
}
