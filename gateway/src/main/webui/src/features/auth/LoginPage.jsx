import { useState } from 'react';
import { Alert, TextField } from '@mui/material';
import { useLocation } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';
import AuthForm from './AuthForm.jsx';

export default function LoginPage() {
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const fromJoinLink = Boolean(useLocation().state?.linkSignIn);
  return (
    <AuthForm title="Log in" name="login" submitLabel="Log in" busyLabel="Logging in…" ready={email && password}
      action={() => login(email.trim(), password)}
      other={{ prompt: 'New here?', to: '/register', label: 'Create an account', testId: 'register-link' }}>
      {fromJoinLink && (
        <Alert severity="info" data-testid="join-link-scope">
          The link from your email opens only that session&apos;s call. Log in to see the rest of your account.
        </Alert>
      )}
      <TextField label="Email" type="email" autoComplete="email" required autoFocus value={email}
        onChange={(e) => setEmail(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-email' } }} />
      <TextField label="Password" type="password" autoComplete="current-password" required value={password}
        onChange={(e) => setPassword(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-password' } }} />
    </AuthForm>
  );
}
