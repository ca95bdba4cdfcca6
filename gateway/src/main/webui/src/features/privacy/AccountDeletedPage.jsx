import { useEffect } from 'react';
import { Alert, Link, Typography } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import AuthCard from '../auth/AuthCard.jsx';
import { useAuth } from '../auth/AuthContext.jsx';

/** Where the person lands once their account is erased: signed out, nothing left to sign in to. */
export default function AccountDeletedPage() {
  const { logout } = useAuth();
  const signOut = useLocation().state?.signOut;
  useEffect(() => {
    if (signOut) logout();
  }, [signOut, logout]);
  return (
    <AuthCard title="Account deleted">
      <Alert severity="success" data-testid="account-deleted" sx={{ mb: 2 }}>
        Your account has been deleted and you have been signed out.
      </Alert>
      <Typography variant="body2">
        What the practice must keep (past sessions, payments) no longer carries your name, email or phone.
        See the <Link component={RouterLink} to="/privacy">privacy notice</Link>.
      </Typography>
    </AuthCard>
  );
}
