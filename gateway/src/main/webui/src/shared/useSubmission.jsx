import { useCallback, useState } from 'react';
import { Alert } from '@mui/material';
import { errorText } from './api/client.js';

/**
 * A form's save: busy while it runs, then a result to show, `{ok, message}`: `success(value)` when
 * it worked, the server's reason (`describeError`, by default the problem's field and detail) when not.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const submit = useCallback(async (action, success, describeError = errorText) => {
    setBusy(true);
    setResult(null);
    try {
      const value = await action();
      setResult({ ok: true, message: success(value) });
      return value;
    } catch (e) {
      setResult({ ok: false, message: describeError(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, result, setResult, submit };
}

/** The result of a save: a status when it worked, an alert with the reason when not. */
export function SubmissionResult({ result, testId }) {
  if (!result) return null;
  return (
    <Alert severity={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'}
      data-testid={`${testId}-${result.ok ? 'saved' : 'error'}`}>{result.message}</Alert>
  );
}
