import { BackstageServicePrincipal } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';

/** What a pipeline may add to its own source id to keep several apart. */
export const SOURCE_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The source id evidence pushed by a service is stored under: the service's
 * own subject (from its token, e.g. the `subject` of an external access
 * token), with the label it named after a slash. One pipeline therefore
 * cannot replace what another pushed, whatever label it names; an id that
 * belongs to a registered evidence source (its sync would replace it) is
 * refused, as is a label naming one.
 */
export function pushSourceId(
  principal: BackstageServicePrincipal,
  label: string | undefined,
  registeredSourceIds: ReadonlySet<string>,
): string {
  if (label !== undefined && !SOURCE_LABEL.test(label)) {
    throw new InputError(
      'body.source must be 1 to 64 letters, digits, dots, dashes or underscores',
    );
  }
  const id = label ? `${principal.subject}/${label}` : principal.subject;
  for (const named of [label, id]) {
    if (named !== undefined && registeredSourceIds.has(named)) {
      throw new NotAllowedError(
        `The source id ${named} belongs to a registered evidence source; a pipeline pushes under its own`,
      );
    }
  }
  return id;
}
