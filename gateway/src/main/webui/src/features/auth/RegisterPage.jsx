import { useState } from 'react';
import { Alert, Box, Button, Link, TextField, Typography } from '@mui/material';
import { Navigate, Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';
import AuthCard from './AuthCard.jsx';

export default function RegisterPage() {
  const { user, register } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = location.state?.from || '/dashboard';
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={from} replace />;

  const field = (key) => ({ value: form[key], onChange: (e) => setForm({ ...form, [key]: e.target.value }) });

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { name: form.name.trim(), email: form.email.trim(), password: form.password };
      if (form.phone.trim()) body.phone = form.phone.trim();
      await register(body);
      navigate(from, { replace: true });
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Create your account">
      <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2 }}>
        {error && <Alert severity="error" role="alert" data-testid="register-error">{error}</Alert>}
        <TextField label="Full name" autoComplete="name" required autoFocus {...field('name')}
          slotProps={{ htmlInput: { 'data-testid': 'register-name' } }} />
        <TextField label="Email" type="email" autoComplete="email" required {...field('email')}
          slotProps={{ htmlInput: { 'data-testid': 'register-email' } }} />
        <TextField label="Password" type="password" autoComplete="new-password" required {...field('password')}
          helperText="At least 8 characters" slotProps={{ htmlInput: { 'data-testid': 'register-password' } }} />
        <TextField label="Phone (optional, for M-Pesa)" type="tel" autoComplete="tel" placeholder="2547XXXXXXXX" {...field('phone')}
          slotProps={{ htmlInput: { 'data-testid': 'register-phone' } }} />
        <Button type="submit" variant="contained" size="large" disabled={busy || !form.name || !form.email || !form.password} data-testid="register-submit">
          {busy ? 'Creating account…' : 'Create account'}
        </Button>
        <Typography variant="body2">
          Already registered? <Link component={RouterLink} to="/login" state={location.state} data-testid="login-link">Log in</Link>
        </Typography>
      </Box>
    </AuthCard>
  );
}
