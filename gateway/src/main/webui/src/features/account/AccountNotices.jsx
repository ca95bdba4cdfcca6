import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Api, errorText } from '../../shared/api/client.js';
import { useAuth } from '../auth/AuthContext.jsx';

/**
 * What the signed-in person still has to do about their account: confirm their address (booking
 * needs it; with a "resend" action) and, for the bootstrap admin, replace the deployment's password.
 */
export default function AccountNotices() {
  const { user } = useAuth();
  const [resent, setResent] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const resend = async () => {
    setBusy(true);
    try {
      const res = await Api.resendVerification();
      setResent({ severity: 'success', text: res?.detail || 'We have sent a new link.' });
    } catch (e) {
      setResent({ severity: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {user.emailVerified === false && (
        <Alert severity="warning" data-testid="verify-notice"
          action={<Button color="inherit" size="small" onClick={resend} disabled={busy} data-testid="resend-verification">Resend email</Button>}>
          Please confirm your email address: open the link we sent to {user.email}. You can book sessions once it is confirmed.
        </Alert>
      )}
      {resent && <Alert severity={resent.severity} role="status" data-testid="resend-result">{resent.text}</Alert>}
      {user.passwordChangeDue && (
        <Alert severity="warning" data-testid="bootstrap-password-notice"
          action={<Button color="inherit" size="small" component={RouterLink} to="/account/password">Change password</Button>}>
          You are signed in with the bootstrap admin password from the deployment&apos;s settings. Change it now.
        </Alert>
      )}
    </Stack>
  );
}
