import { useState } from 'react';
import { Alert, Box, Button, Link, TextField, Typography } from '@mui/material';
import { Navigate, Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';
import AuthCard from './AuthCard.jsx';

export default function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = location.state?.from || '/dashboard';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={from} replace />;

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(from, { replace: true });
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Log in">
      <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2 }}>
        {error && <Alert severity="error" role="alert" data-testid="login-error">{error}</Alert>}
        <TextField label="Email" type="email" autoComplete="email" required autoFocus value={email}
          onChange={(e) => setEmail(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-email' } }} />
        <TextField label="Password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'login-password' } }} />
        <Button type="submit" variant="contained" size="large" disabled={busy || !email || !password} data-testid="login-submit">
          {busy ? 'Logging in…' : 'Log in'}
        </Button>
        <Typography variant="body2">
          New here? <Link component={RouterLink} to="/register" state={location.state} data-testid="register-link">Create an account</Link>
        </Typography>
      </Box>
    </AuthCard>
  );
}
