import { Direction } from '../../schema/SchemaComparator';
import { childPointer } from '../../schema/SchemaComparator';
import {
  isStronglyTyped,
  OpenApiContext,
  reportSchemaChanges,
} from '../OpenApiContext';
import {
  isMediaTypeContained,
  pairMediaTypes,
  sameParameters,
} from '../mediaTypeName';

/** Media types of a body, removed or added, and their schemas compared. */
export function checkContent(
  context: OpenApiContext,
  options: {
    base: { node: any; pointer: string };
    revision: { node: any; pointer: string };
    direction: Direction;
    location: string;
    label: string;
    minSunsetDays?: number;
  },
): void {
  const { findings } = context;
  const { direction, location, label } = options;
  const before = options.base.node?.content ?? {};
  const after = options.revision.node?.content ?? {};
  const prefix = direction === 'request' ? 'request-body' : 'response';
  const { pairs, removed, added } = pairMediaTypes(
    Object.keys(before).filter(media => !(media in after)),
    Object.keys(after).filter(media => !(media in before)),
  );
  for (const media of removed) {
    findings.add({
      id: `${prefix}-media-type-removed`,
      location,
      pointer: childPointer(options.base.pointer, 'content', media),
      message:
        direction === 'request'
          ? `${label}: media type ${media} removed: clients sending ${media} are refused`
          : `${label}: media type ${media} removed: clients that accept only ${media} get nothing they can read`,
      subject: `${label}|${media}`,
    });
  }
  for (const media of added) {
    findings.add({
      id: `${prefix}-media-type-added`,
      location,
      pointer: childPointer(options.revision.pointer, 'content', media),
      message: `${label}: media type ${media} added`,
      subject: `${label}|${media}`,
    });
  }
  const compared: [string, string][] = [
    ...Object.keys(after)
      .filter(media => media in before)
      .map(media => [media, media] as [string, string]),
    ...pairs,
  ];
  for (const [mediaBefore, media] of compared) {
    const pointer = childPointer(options.revision.pointer, 'content', media);
    if (mediaBefore !== media && direction === 'response') {
      let change = 'generalized';
      if (!sameParameters(mediaBefore, media)) change = 'changed';
      else if (isMediaTypeContained(mediaBefore, media)) change = 'specialized';
      findings.add({
        id: `response-media-type-name-${change}`,
        location,
        pointer,
        message: `${label}: media type ${mediaBefore} is now ${media}${
          change === 'generalized'
            ? `: clients that accept only ${mediaBefore} may be refused or misread it`
            : ''
        }`,
        subject: `${label}|${mediaBefore}|${media}`,
      });
    }
    const schemaBefore = before[mediaBefore]?.schema;
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
        message: `${label} (${media}): schema added${
          direction === 'request'
            ? ': bodies that do not match it are now refused'
            : ''
        }`,
        subject: `${label}|${media}`,
      });
    } else if (schemaBefore && !schemaAfter) {
      findings.add({
        id: `${schemaRule}-removed`,
        location,
        pointer,
        message: `${label} (${media}): schema removed${
          direction === 'response'
            ? ': readers can no longer rely on its shape'
            : ''
        }`,
        subject: `${label}|${media}`,
      });
    } else if (schemaBefore && schemaAfter) {
      reportSchemaChanges(context, {
        base: {
          node: schemaBefore,
          pointer: childPointer(
            options.base.pointer,
            'content',
            mediaBefore,
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
        stronglyTyped: isStronglyTyped(media),
        minSunsetDays: options.minSunsetDays,
      });
    }
  }
}
