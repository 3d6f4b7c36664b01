import { Direction } from '../../schema/SchemaComparator';
import { childPointer } from '../../schema/SchemaComparator';
import { OpenApiContext, reportSchemaChanges } from '../OpenApiContext';

/** Media types of a body, removed or added, and their schemas compared. */
export function checkContent(
  context: OpenApiContext,
  options: {
    base: { node: any; pointer: string };
    revision: { node: any; pointer: string };
    direction: Direction;
    location: string;
    label: string;
  },
): void {
  const { findings } = context;
  const { direction, location, label } = options;
  const before = options.base.node?.content ?? {};
  const after = options.revision.node?.content ?? {};
  const prefix = direction === 'request' ? 'request-body' : 'response';
  for (const media of Object.keys(before)) {
    if (!(media in after)) {
      findings.add({
        id: `${prefix}-media-type-removed`,
        location,
        pointer: childPointer(options.base.pointer, 'content', media),
        message: `${label}: media type ${media} removed`,
        subject: `${label}|${media}`,
      });
    }
  }
  for (const media of Object.keys(after)) {
    const pointer = childPointer(options.revision.pointer, 'content', media);
    if (!(media in before)) {
      findings.add({
        id: `${prefix}-media-type-added`,
        location,
        pointer,
        message: `${label}: media type ${media} added`,
        subject: `${label}|${media}`,
      });
      continue;
    }
    const schemaBefore = before[media]?.schema;
    const schemaAfter = after[media]?.schema;
    const schemaRule =
      direction === 'request'
        ? 'request-body-media-type-schema'
        : 'response-body-media-type-schema';
    if (!schemaBefore && schemaAfter) {
      findings.add({
        id: `${schemaRule}-added`,
        location,
        pointer,
        message: `${label} (${media}): schema added`,
        subject: `${label}|${media}`,
      });
    } else if (schemaBefore && !schemaAfter) {
      findings.add({
        id: `${schemaRule}-removed`,
        location,
        pointer,
        message: `${label} (${media}): schema removed`,
        subject: `${label}|${media}`,
      });
    } else if (schemaBefore && schemaAfter) {
      reportSchemaChanges(context, {
        base: {
          node: schemaBefore,
          pointer: childPointer(
            options.base.pointer,
            'content',
            media,
            'schema',
          ),
        },
        revision: {
          node: schemaAfter,
          pointer: childPointer(pointer, 'schema'),
        },
        direction,
        root: 'body',
        location,
        label: `${label} (${media})`,
      });
    }
  }
}
