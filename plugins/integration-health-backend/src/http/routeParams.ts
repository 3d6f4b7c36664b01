import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { parseInput } from './parseInput';

/** `/entities/:kind/:namespace/:name` */
export const entityParams = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

/**
 * The entity ref a route names with `/entities/:kind/:namespace/:name`;
 * an InputError naming the part otherwise.
 */
export function entityRefOf(params: unknown): string {
  return stringifyEntityRef(
    parseInput(entityParams, params, 'entity reference'),
  );
}

/**
 * A body or query field holding an entity ref, normalized to its full form;
 * `kind:` and `namespace/` may be left out where a default is given.
 */
export const entityRefField = (defaults?: { kind: string }) =>
  z
    .string()
    .min(1)
    .max(255)
    .transform((ref, ctx) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(
            ref,
            defaults && {
              defaultKind: defaults.kind,
              defaultNamespace: 'default',
            },
          ),
        );
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not an entity ref' });
        return z.NEVER;
      }
    });

/** `/integrations/:integrationId` */
export const integrationParams = z.object({
  integrationId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be an integration id'),
});

/** The integration a route names with `/integrations/:integrationId`. */
export function integrationIdOf(params: unknown): string {
  return parseInput(integrationParams, params, 'integration').integrationId;
}

/** `?days=` of the score trends. */
export const trendQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
});
