import { useCallback, useEffect, useState } from 'react';
import { Api, asList } from '../../shared/api/client.js';

/** GET /api/sessions, refreshed every `refreshMs` so status and payment changes show up. */
export function useSessions(refreshMs = 15_000) {
  const [sessions, setSessions] = useState(null);
  const [error, setError] = useState(null);

  const reload = useCallback(async () => {
    try {
      setSessions(asList(await Api.sessions()));
      setError(null);
    } catch (e) {
      setError(e.detail || e.message);
    }
  }, []);

  useEffect(() => {
    reload();
    const t = setInterval(reload, refreshMs);
    return () => clearInterval(t);
  }, [reload, refreshMs]);

  return { sessions, error, reload };
}
