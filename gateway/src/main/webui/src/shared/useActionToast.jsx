import { useCallback, useState } from 'react';
import { Snackbar } from '@mui/material';
import { errorText } from './api/client.js';

/**
 * A row or card action (confirm a payment, cancel, disable…): runs it, says `done` in a toast and
 * calls `after` (a reload); a refusal shows the server's reason instead.
 */
export function useActionToast(after) {
  const [toast, setToast] = useState(null);
  const run = useCallback(async (action, done) => {
    try {
      const value = await action();
      setToast(typeof done === 'function' ? done(value) : done);
      after?.();
    } catch (e) {
      setToast(errorText(e));
    }
  }, [after]);
  const snackbar = <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />;
  return { run, setToast, snackbar };
}
