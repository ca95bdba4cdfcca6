// The access token lives in sessionStorage: it survives a reload of the tab (e.g. the call
// page) but not the browser session, which suits shared family devices. It is short-lived; the
// sign-in itself is an HttpOnly refresh cookie (see session.js), which no script can read.

const KEY = 'ssv.auth';
const listeners = new Set();

/**
 * When the token expires by this device's clock: its lifetime (the JWT's exp − iat, both server
 * time) from now, so a device clock that is off does not refresh too early or too late. Tokens
 * that are not JWTs (tests) fall back to the server's expiresAt.
 */
export function localExpiry(token, expiresAt, now = Date.now()) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (Number.isFinite(payload.exp) && Number.isFinite(payload.iat) && payload.exp > payload.iat) {
      return now + (payload.exp - payload.iat) * 1000;
    }
  } catch { /* not a JWT */ }
  const server = expiresAt ? new Date(expiresAt).getTime() : NaN;
  return Number.isFinite(server) ? server : null;
}

/** The stored sign-in of this tab, or null (none, unreadable, or expired). */
export function loadAuth() {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const auth = JSON.parse(raw);
    if (!auth?.token) return null;
    const expiry = auth.localExpiresAt ?? (auth.expiresAt ? new Date(auth.expiresAt).getTime() : null);
    if (expiry && expiry <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return auth;
  } catch {
    return null;
  }
}

export function saveAuth(auth) {
  const stored = auth ? { ...auth, localExpiresAt: auth.localExpiresAt ?? localExpiry(auth.token, auth.expiresAt) } : null;
  if (stored) sessionStorage.setItem(KEY, JSON.stringify(stored));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(stored));
}

export function onAuthChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToken() {
  return loadAuth()?.token ?? null;
}
