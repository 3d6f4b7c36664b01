import { Alert, Button } from '@backstage/ui';
import { describeError } from '../describeError';

/** A failed load, saying what could not be loaded and why, with a retry. */
export function LoadError(props: {
  what: string;
  error: Error;
  retry?: () => void;
}) {
  return (
    <Alert
      status="danger"
      title={`Could not load ${props.what}`}
      description={describeError(props.error)}
      customActions={
        props.retry && (
          <Button variant="secondary" size="small" onPress={props.retry}>
            Try again
          </Button>
        )
      }
    />
  );
}
