import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Api } from '../../shared/api/client.js';
import { isCallActive } from '../../shared/activeCall.js';
import { loadAuth, onAuthChange, saveAuth } from '../../shared/api/tokenStore.js';

const AuthContext = createContext(null);

export function AuthProvider({ children }) {
  const [auth, setAuth] = useState(() => loadAuth());

  useEffect(() => onAuthChange(setAuth), []);

  // Log out when the access token expires while the page stays open, but never in the middle
  // of a call: the media and the open signaling socket keep working, so the call may finish.
  useEffect(() => {
    if (!auth?.expiresAt) return undefined;
    let t;
    const check = () => {
      const ms = new Date(auth.expiresAt).getTime() - Date.now();
      if (ms > 0) t = setTimeout(check, Math.min(ms, 2 ** 31 - 1));
      else if (isCallActive()) t = setTimeout(check, 30_000);
      else saveAuth(null);
    };
    check();
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

  /** Updates what the app knows of the signed-in user (e.g. after a password change). */
  const updateUser = useCallback((changes) => {
    const current = loadAuth();
    if (current) saveAuth({ ...current, user: { ...current.user, ...changes } });
  }, []);

  const logout = useCallback(() => saveAuth(null), []);

  const value = useMemo(() => ({
    user: auth?.user ?? null, token: auth?.token ?? null, login, register, verifyEmail, updateUser, logout,
  }), [auth, login, register, verifyEmail, updateUser, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth() {
  return useContext(AuthContext);
}
