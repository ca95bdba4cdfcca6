import { useState } from 'react';
import { Alert, Box, Button, Link, Typography } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { Api } from '../../shared/api/client.js';
import { useSubmission } from '../../shared/useSubmission.jsx';
import AuthCard from '../auth/AuthCard.jsx';
import { linkToken } from './linkToken.js';
import NewPasswordFields, { newPasswordReady } from './NewPasswordFields.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';
import PrivacyConsentCheckbox from '../privacy/PrivacyConsentCheckbox.jsx';

/**
 * Opened from a reset email (`/reset-password`) or an invitation (`/set-password`): sets the
 * password with the link's one-time token, then sends the person to log in. An invitation (an
 * account the practice created) accepts the privacy notice with it; so does a reset when the server
 * says the account has not accepted it yet (an account an admin gave a password).
 */
export default function SetPasswordPage({ invitation = false }) {
  const { hash } = useLocation();
  const token = linkToken(hash);
  const [value, setValue] = useState({ password: '', repeat: '' });
  const [consentAsked, setConsentAsked] = useState(invitation);
  const [consent, setConsent] = useState(false);
  const { busy, result, submit } = useSubmission();
  const done = result?.ok;
  const error = token ? result && !result.ok && result.message : 'This link is incomplete. Open the link from the email again.';

  const refusal = (err) => {
    if (err.problem?.field === 'privacyNotice') setConsentAsked(true);
    return err.detail || err.message;
  };
  const save = (e) => {
    e.preventDefault();
    submit(() => Api.setPasswordWithLink(token, value.password, consentAsked ? NOTICE_VERSION : undefined), () => 'saved', refusal);
  };

  const title = invitation ? 'Choose your password' : 'Set a new password';
  if (done) {
    return (
      <AuthCard title={title}>
        <Alert severity="success" data-testid="password-set" sx={{ mb: 2 }}>Your password is set. You can log in with it now.</Alert>
        <Button component={RouterLink} to="/login" variant="contained" data-testid="login-link">Log in</Button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title}>
      <Box component="form" onSubmit={save} noValidate sx={{ display: 'grid', gap: 2, mb: 2 }}>
        {error && <Alert severity="error" role="alert" data-testid="set-password-error">{error}</Alert>}
        <NewPasswordFields value={value} onChange={setValue} autoFocus />
        {consentAsked && <PrivacyConsentCheckbox checked={consent} onChange={setConsent} testId="set-password-consent" />}
        <Button type="submit" variant="contained" size="large"
          disabled={busy || !token || !newPasswordReady(value) || (consentAsked && !consent)}
          data-testid="set-password-submit">
          {busy ? 'Saving…' : 'Save password'}
        </Button>
      </Box>
      <Typography variant="body2">
        Link used or expired? <Link component={RouterLink} to="/forgot-password">Ask for a new one</Link>
      </Typography>
    </AuthCard>
  );
}
