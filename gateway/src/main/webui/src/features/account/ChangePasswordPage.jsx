import { useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { useSubmission } from '../../shared/useSubmission.jsx';
import { useAuth } from '../auth/AuthContext.jsx';
import NewPasswordFields, { newPasswordReady } from './NewPasswordFields.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';
import PrivacyConsentCheckbox from '../privacy/PrivacyConsentCheckbox.jsx';

/**
 * Changing one's password, with the current one; afterwards the bootstrap-password reminder goes
 * away. An account the practice created that has not accepted the privacy notice yet (the bootstrap
 * admin, one an admin gave a password) accepts it with this change.
 */
export default function ChangePasswordPage() {
  const { user, updateUser } = useAuth();
  const consentAsked = Boolean(user?.privacyConsentDue);
  const [consent, setConsent] = useState(false);
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState({ password: '', repeat: '' });
  const { busy, result, submit } = useSubmission();
  const done = result?.ok;
  const error = result && !result.ok && result.message;

  const save = async (e) => {
    e.preventDefault();
    const changed = await submit(async () => {
      await Api.changePassword(current, value.password, consentAsked ? NOTICE_VERSION : undefined);
      return true;
    }, () => 'Your password has been changed.');
    if (changed) {
      updateUser({ passwordChangeDue: false, privacyConsentDue: false });
      setCurrent('');
      setValue({ password: '', repeat: '' });
    }
  };

  return (
    <Paper sx={{ p: { xs: 2, sm: 3 }, maxWidth: 480 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>Change password</Typography>
      <Box component="form" onSubmit={save} noValidate sx={{ display: 'grid', gap: 2 }}>
        {done && <Alert severity="success" data-testid="password-changed">Your password has been changed.</Alert>}
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        <TextField label="Current password" type="password" autoComplete="current-password" required value={current}
          onChange={(e) => setCurrent(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'current-password' } }} />
        <NewPasswordFields value={value} onChange={setValue} />
        {consentAsked && <PrivacyConsentCheckbox checked={consent} onChange={setConsent} testId="change-password-consent" />}
        <Button type="submit" variant="contained" disabled={busy || !current || !newPasswordReady(value) || (consentAsked && !consent)}
          data-testid="change-password-submit">
          {busy ? 'Saving…' : 'Change password'}
        </Button>
      </Box>
    </Paper>
  );
}
