import { Alert } from '@backstage/ui';
import { describeError } from './describeError';

/** Why a submission was refused, in the server's words. */
export function NotSaved(props: { error: Error }) {
  return (
    <Alert
      status="danger"
      title="Not saved"
      description={describeError(props.error)}
    />
  );
}
