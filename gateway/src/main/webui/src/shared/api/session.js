import { loadAuth, saveAuth } from './tokenStore.js';
import { isCallActive } from '../activeCall.js';

// The sign-in behind the short access token: POST /api/auth/refresh exchanges the HttpOnly
// refresh cookie for a new access token (and rotates the cookie). A rotated cookie presented
// twice signs the person out everywhere (theft detection), so refreshes never overlap: callers
// in this tab share one request, and tabs take turns through a Web Lock.

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 30_000;

let inFlight = null;

/**
 * A new access token from the refresh cookie, stored for the tab; null when there is none (the
 * sign-in ended: the tab is signed out unless a call is running, whose media needs no token; or
 * the server could not be reached: the current token is kept).
 */
export function refreshSession() {
  if (!inFlight) {
    inFlight = oneTabAtATime(requestRefresh).finally(() => { inFlight = null; });
  }
  return inFlight;
}

function oneTabAtATime(task) {
  const locks = globalThis.navigator?.locks;
  return locks?.request ? locks.request('ssv-refresh', task) : task();
}

async function requestRefresh() {
  let response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json' },
      body: '{}',
    });
  } catch {
    return null;
  }
  if (response.ok) {
    const res = await response.json();
    saveAuth({ token: res.token, expiresAt: res.expiresAt, user: res.user });
    return res.token;
  }
  if ((response.status === 401 || response.status === 403) && !isCallActive()) saveAuth(null);
  return null;
}

/** Milliseconds until the stored token should be refreshed (0: now), or null when there is none. */
export function refreshDueInMs(auth = loadAuth(), now = Date.now()) {
  if (!auth) return 0;
  const expiry = auth.localExpiresAt ?? new Date(auth.expiresAt ?? NaN).getTime();
  if (!Number.isFinite(expiry)) return null;
  return Math.max(0, expiry - REFRESH_MARGIN_MS - now);
}

/**
 * The access token to send now: the stored one while it has more than the margin left,
 * otherwise a refreshed one (or, if refreshing fails, whatever is still stored).
 */
export async function freshToken() {
  const auth = loadAuth();
  if (auth && refreshDueInMs(auth) !== 0) return auth.token;
  const renewed = await refreshSession();
  return renewed ?? loadAuth()?.token ?? null;
}
