import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Api } from '../../shared/api/client.js';
import { isCallActive } from '../../shared/activeCall.js';
import { refreshDueInMs, refreshSession } from '../../shared/api/session.js';
import { loadAuth, onAuthChange, saveAuth } from '../../shared/api/tokenStore.js';

const AuthContext = createContext(null);

const RETRY_MS = 30_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function AuthProvider({ children }) {
  const [auth, setAuth] = useState(() => loadAuth());
  // A new tab (or a reload after the token lapsed) asks the refresh cookie once, when a page
  // needs a sign-in, whether the browser is still signed in.
  const [restored, setRestored] = useState(() => Boolean(loadAuth()));
  const restoreStarted = useRef(false);

  useEffect(() => onAuthChange(setAuth), []);

  const restoreSignIn = useCallback(() => {
    if (restoreStarted.current) return;
    restoreStarted.current = true;
    refreshSession().finally(() => setRestored(true));
  }, []);

  // Refresh silently shortly before the access token expires. If the server cannot be reached,
  // try again soon; once the token has expired without a new one the tab is signed out, but
  // never in the middle of a call (its media and open socket keep working; rejoins refresh).
  useEffect(() => {
    if (!auth?.token) return undefined;
    let t;
    const tick = async () => {
      const due = refreshDueInMs(loadAuth() ?? auth);
      if (due === null) return;
      if (due > 0) {
        t = setTimeout(tick, Math.min(due, MAX_TIMEOUT_MS));
        return;
      }
      const renewed = await refreshSession();
      if (renewed) return; // saved: this effect runs again for the new token
      if (loadAuth()) t = setTimeout(tick, RETRY_MS);
      else if (isCallActive()) t = setTimeout(tick, RETRY_MS);
      else saveAuth(null);
    };
    tick();
    return () => clearTimeout(t);
  }, [auth]);

  const login = useCallback(async (email, password) => {
    const res = await Api.login({ email, password });
    saveAuth({ token: res.token, expiresAt: res.expiresAt, user: res.user });
    return res.user;
  }, []);

  // Registration signs nobody in: the mailed verification link does (verifyEmail).
  const register = useCallback((body) => Api.register(body), []);

  const verifyEmail = useCallback(async (token) => {
    const res = await Api.verifyEmail(token);
    saveAuth({ token: res.token, expiresAt: res.expiresAt, user: res.user });
    return res.user;
  }, []);

  /**
   * Signs in from a personal join link: for that one session's call only (sessionOnly), until its
   * call window closes, with no refresh cookie. Returns the session's id.
   */
  const joinWithLink = useCallback(async (token) => {
    const res = await Api.useJoinLink(token);
    saveAuth({ token: res.token, expiresAt: res.expiresAt, user: res.user, sessionOnly: res.sessionId });
    return res.sessionId;
  }, []);

  /** Ends a join link's sign-in in this tab (it reaches nothing but its session's call). */
  const setAsideLinkSignIn = useCallback(() => {
    saveAuth(null);
    setAuth(null); // also when this runs before the provider's own listener is subscribed (a first render)
  }, []);

  /** Updates what the app knows of the signed-in user (e.g. after a password change). */
  const updateUser = useCallback((changes) => {
    const current = loadAuth();
    if (current) saveAuth({ ...current, user: { ...current.user, ...changes } });
  }, []);

  /** Ends this browser's sign-in on the server too; the tab is signed out even if the server cannot be reached. */
  const logout = useCallback(async () => {
    try { await Api.logout(); } catch { /* the cookie lapses on its own */ }
    saveAuth(null);
  }, []);

  /** Ends every sign-in of the person; a failure is shown, and this tab stays signed in. */
  const logoutEverywhere = useCallback(async () => {
    await Api.logoutEverywhere();
    saveAuth(null);
  }, []);

  const value = useMemo(() => ({
    user: auth?.user ?? null, token: auth?.token ?? null, sessionOnly: auth?.sessionOnly ?? null, restored, restoreSignIn,
    login, register, verifyEmail, joinWithLink, setAsideLinkSignIn, updateUser, logout, logoutEverywhere,
  }), [auth, restored, restoreSignIn, login, register, verifyEmail, joinWithLink, setAsideLinkSignIn, updateUser, logout,
    logoutEverywhere]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  return useContext(AuthContext);
}
