import { useState } from 'react';
import { TextField } from '@mui/material';
import { useAuth } from './AuthContext.jsx';
import AuthForm from './AuthForm.jsx';

export default function LoginPage() {
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthForm title="Log in" name="login" submitLabel="Log in" busyLabel="Logging in…" ready={email && password}
      action={() => login(email.trim(), password)}
      other={{ prompt: 'New here?', to: '/register', label: 'Create an account', testId: 'register-link' }}>
      <TextField label="Email" type="email" autoComplete="email" required autoFocus value={email}
        onChange={(e) => setEmail(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-email' } }} />
      <TextField label="Password" type="password" autoComplete="current-password" required value={password}
        onChange={(e) => setPassword(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-password' } }} />
    </AuthForm>
  );
}
