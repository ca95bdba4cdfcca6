import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';

/**
 * Signed-in users only. Without a token the refresh cookie is asked once whether this browser is
 * still signed in (a new tab, a reload); meanwhile nothing is shown. Others go to the login page,
 * which brings them back here afterwards.
 */
export default function RequireAuth({ children }) {
  const { user, restored, restoreSignIn } = useAuth();
  const location = useLocation();
  useEffect(() => { if (!user) restoreSignIn(); }, [user, restoreSignIn]);
  if (!user && !restored) return null;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
