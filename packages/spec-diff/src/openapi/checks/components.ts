import { escapePointer } from '../../load/pointer';
import { OpenApiContext } from '../OpenApiContext';

function schemasOf(root: unknown): Record<string, unknown> {
  const schemas = (root as { components?: { schemas?: unknown } } | null)
    ?.components?.schemas;
  return schemas !== null && typeof schemas === 'object'
    ? (schemas as Record<string, unknown>)
    : {};
}

/**
 * Named schemas removed from `components/schemas` (Swagger 2 `definitions`).
 * Info: what the operations that used one accept or return is judged where
 * they use it; only documents that refer to it by name from outside lose it.
 */
export function checkComponentSchemas(context: OpenApiContext): void {
  const after = schemasOf(context.revision.root);
  for (const name of Object.keys(schemasOf(context.base.root))) {
    if (Object.prototype.hasOwnProperty.call(after, name)) continue;
    context.findings.add({
      id: 'api-schema-removed',
      location: `schema ${name}`,
      pointer: `/components/schemas/${escapePointer(name)}`,
      message: `schema '${name}' removed from the components; documents that refer to it from outside can no longer resolve it`,
    });
  }
}
