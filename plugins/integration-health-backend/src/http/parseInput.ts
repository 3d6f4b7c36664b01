import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses a request part with a schema, or throws InputError naming the field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what}: ${issue.path.join('.') || 'value'} ${issue.message}`,
    );
  }
  return result.data;
}
