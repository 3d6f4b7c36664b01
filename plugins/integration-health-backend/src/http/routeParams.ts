import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { z } from 'zod';
import { parseInput } from './parseInput';

// The catalog's own rules for the parts of a ref: a kind, namespace or name
// the catalog cannot hold (a slash, `..`, a NUL byte) is refused here.
const validator = makeValidator();
const part = (valid: (value: unknown) => boolean, what: string) =>
  z.string().max(253).refine(valid, `is not a valid entity ${what}`);

/** `/entities/:kind/:namespace/:name` */
export const entityParams = z.object({
  kind: part(v => validator.isValidKind(v), 'kind'),
  namespace: part(v => validator.isValidNamespace(v), 'namespace'),
  name: part(v => validator.isValidEntityName(v), 'name'),
});

/** Why a ref's parts cannot name an entity, or undefined when they can. */
function invalidPart(ref: CompoundEntityRef): string | undefined {
  const result = entityParams.safeParse(ref);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.')} ${issue.message}`;
}

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
      let parsed: CompoundEntityRef;
      try {
        parsed = parseEntityRef(
          ref,
          defaults && {
            defaultKind: defaults.kind,
            defaultNamespace: 'default',
          },
        );
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not an entity ref' });
        return z.NEVER;
      }
      const invalid = invalidPart(parsed);
      if (invalid) {
        ctx.addIssue({
          code: 'custom',
          message: `is not an entity ref: ${invalid}`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(parsed);
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
