import {
  OpenApiContext as DiffContext,
  reportSchemaChanges,
} from '../openapi/OpenApiContext';

/**
 * A JSON Schema on its own, typically an event payload: judged from the
 * side of the consumers who read data that conforms to it.
 */
export function diffJsonSchema(context: DiffContext): void {
  const title = (context.revision.root as any)?.title;
  reportSchemaChanges(context, {
    base: { node: context.base.root, pointer: '' },
    revision: { node: context.revision.root, pointer: '' },
    direction: 'response',
    root: 'body',
    location: title ? `schema ${title}` : 'schema',
    label: 'schema',
  });
}
