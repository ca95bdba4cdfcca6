import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { linkToken } from './linkToken.js';

/**
 * Uses the token of the mailed link that opened this page, once (the link works once; StrictMode
 * runs effects twice): `use(token)` is called with it, and a refusal (or a link without a token,
 * `incomplete`) becomes the returned error message.
 */
export function useMailedLink(use, incomplete) {
  const { hash } = useLocation();
  const [error, setError] = useState(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = linkToken(hash);
    if (!token) {
      setError(incomplete);
      return;
    }
    use(token).catch((e) => setError(e.detail || e.message));
  }, [hash, use, incomplete]);

  return error;
}
