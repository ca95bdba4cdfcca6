// The access token lives in sessionStorage: it survives a reload of the tab (e.g. the call
// page) but not the browser session, which suits shared family devices.

const KEY = 'ssv.auth';
const listeners = new Set();

export function loadAuth() {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const auth = JSON.parse(raw);
    if (!auth?.token) return null;
    if (auth.expiresAt && new Date(auth.expiresAt).getTime() <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return auth;
  } catch {
    return null;
  }
}

export function saveAuth(auth) {
  if (auth) sessionStorage.setItem(KEY, JSON.stringify(auth));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(auth));
}

export function onAuthChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToken() {
  return loadAuth()?.token ?? null;
}
