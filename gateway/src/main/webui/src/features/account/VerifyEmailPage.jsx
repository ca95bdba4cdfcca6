import { useCallback } from 'react';
import { Alert, CircularProgress, Link, Typography } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.jsx';
import AuthCard from '../auth/AuthCard.jsx';
import { useMailedLink } from './useMailedLink.js';

/** Opened from the verification email: proves the address, signs in and goes to the dashboard. */
export default function VerifyEmailPage() {
  const { verifyEmail } = useAuth();
  const navigate = useNavigate();
  const verify = useCallback((token) => verifyEmail(token).then(() => navigate('/dashboard', { replace: true })),
    [verifyEmail, navigate]);
  const error = useMailedLink(verify, 'This link is incomplete. Open the link from the email again, or ask for a new one.');

  return (
    <AuthCard title="Confirm your email address">
      {error ? (
        <>
          <Alert severity="error" role="alert" data-testid="verify-error" sx={{ mb: 2 }}>{error}</Alert>
          <Typography variant="body2">
            <Link component={RouterLink} to="/login">Log in</Link> to ask for a new link from your dashboard.
          </Typography>
        </>
      ) : (
        <Typography aria-busy="true"><CircularProgress size={18} sx={{ mr: 1 }} aria-label="Confirming" />Confirming your address…</Typography>
      )}
    </AuthCard>
  );
}
