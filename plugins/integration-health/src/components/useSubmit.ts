import { useState } from 'react';

/**
 * A form's submission: whether it is under way, and the error the last try
 * ended with (cleared when the next begins).
 */
export function useSubmit<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (...args: A) => {
    setSaving(true);
    setError(undefined);
    try {
      await action(...args);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  return { submit, saving, error };
}
