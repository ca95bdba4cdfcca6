import { useState } from 'react';
import { Alert, Box, Button, Paper, TextField, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { useSubmission } from '../../shared/useSubmission.jsx';
import { useAuth } from '../auth/AuthContext.jsx';
import NewPasswordFields, { newPasswordReady } from './NewPasswordFields.jsx';

/** Changing one's password, with the current one; afterwards the bootstrap-password reminder goes away. */
export default function ChangePasswordPage() {
  const { updateUser } = useAuth();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState({ password: '', repeat: '' });
  const { busy, result, submit } = useSubmission();
  const done = result?.ok;
  const error = result && !result.ok && result.message;

  const save = async (e) => {
    e.preventDefault();
    const changed = await submit(async () => {
      await Api.changePassword(current, value.password);
      return true;
    }, () => 'Your password has been changed.');
    if (changed) {
      updateUser({ passwordChangeDue: false });
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
        <Button type="submit" variant="contained" disabled={busy || !current || !newPasswordReady(value)}
          data-testid="change-password-submit">
          {busy ? 'Saving…' : 'Change password'}
        </Button>
      </Box>
    </Paper>
  );
}
