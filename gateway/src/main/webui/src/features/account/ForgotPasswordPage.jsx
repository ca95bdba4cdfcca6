import { useState } from 'react';
import { Alert, Box, Button, Link, TextField, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { Api } from '../../shared/api/client.js';
import { useSubmission } from '../../shared/useSubmission.jsx';
import AuthCard from '../auth/AuthCard.jsx';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const { busy, result, submit } = useSubmission();
  const sent = result?.ok && result.message;
  const error = result && !result.ok && result.message;

  const send = (e) => {
    e.preventDefault();
    submit(() => Api.requestPasswordReset(email.trim()),
      (res) => res?.detail || 'If this address has an account, we have sent it a link to set a new password.',
      (err) => err.detail || err.message);
  };

  return (
    <AuthCard title="Forgot your password?">
      {sent ? (
        <Alert severity="success" data-testid="reset-requested" sx={{ mb: 2 }}>{sent}</Alert>
      ) : (
        <Box component="form" onSubmit={send} noValidate sx={{ display: 'grid', gap: 2, mb: 2 }}>
          {error && <Alert severity="error" role="alert">{error}</Alert>}
          <Typography variant="body2">We will email you a link to set a new password. It works for 30 minutes.</Typography>
          <TextField label="Email" type="email" autoComplete="email" required autoFocus value={email}
            onChange={(e) => setEmail(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'reset-email' } }} />
          <Button type="submit" variant="contained" size="large" disabled={busy || !email.trim()} data-testid="reset-submit">
            {busy ? 'Sending…' : 'Send me a link'}
          </Button>
        </Box>
      )}
      <Typography variant="body2"><Link component={RouterLink} to="/login">Back to log in</Link></Typography>
    </AuthCard>
  );
}
