import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';

/**
 * Signed-in users only. Without a token the refresh cookie is asked once whether this browser is
 * still signed in (a new tab, a reload); meanwhile nothing is shown. Others go to the login page,
 * which brings them back here afterwards. A sign-in from a join link reaches only its session's
 * call page: anywhere else it is set aside and the person signs in with their password.
 */
export default function RequireAuth({ children }) {
  const { user, sessionOnly, restored, restoreSignIn, setAsideLinkSignIn } = useAuth();
  const location = useLocation();
  const outsideScope = Boolean(sessionOnly) && location.pathname !== `/video-call/${sessionOnly}`;
  const [linkSignInSetAside, setLinkSignInSetAside] = useState(false);
  useEffect(() => {
    if (!outsideScope) return;
    setAsideLinkSignIn();
    setLinkSignInSetAside(true);
  }, [outsideScope, setAsideLinkSignIn]);
  useEffect(() => { if (!user && !outsideScope) restoreSignIn(); }, [user, outsideScope, restoreSignIn]);
  if (outsideScope) return null;
  if (linkSignInSetAside) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, linkSignIn: true }} />;
  }
  if (!user && !restored) return null;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
