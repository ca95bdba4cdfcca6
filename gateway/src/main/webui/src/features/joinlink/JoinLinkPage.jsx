import { useCallback } from 'react';
import { Alert, Button, CircularProgress, Typography } from '@mui/material';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.jsx';
import AuthCard from '../auth/AuthCard.jsx';
import { useMailedLink } from '../account/useMailedLink.js';

/**
 * Opened from the personal link in a confirmation, reschedule or reminder email: signs in for that
 * session only and lands on its pre-call check. A used, forwarded, early or outdated link says why
 * and offers the normal sign-in (the dashboard then lists the session to join).
 */
export default function JoinLinkPage() {
  const { joinWithLink } = useAuth();
  const navigate = useNavigate();
  const join = useCallback((token) => joinWithLink(token)
    .then((sessionId) => navigate(`/video-call/${encodeURIComponent(sessionId)}`, { replace: true })),
  [joinWithLink, navigate]);
  const error = useMailedLink(join,
    'This link is incomplete. Open the link from the email again, or sign in to join your session.');

  return (
    <AuthCard title="Join your session">
      {error ? (
        <>
          <Alert severity="warning" role="alert" data-testid="join-link-error" sx={{ mb: 2 }}>{error}</Alert>
          <Button component={RouterLink} to="/login" state={{ from: '/dashboard' }} variant="contained" fullWidth>
            Sign in
          </Button>
        </>
      ) : (
        <Typography aria-busy="true"><CircularProgress size={18} sx={{ mr: 1 }} aria-label="Opening" />Opening your session…</Typography>
      )}
    </AuthCard>
  );
}
