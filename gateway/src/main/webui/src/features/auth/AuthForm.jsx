import { useState } from 'react';
import { Alert, Box, Button, Link, Typography } from '@mui/material';
import { Navigate, Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';
import AuthCard from './AuthCard.jsx';

/**
 * The frame of the log-in and register pages: runs `action` on submit, then returns to the page
 * asked for (e.g. a call link); shows the server's reason when refused. `name` prefixes the
 * test ids (`login-submit`, `register-error`); `other` links to the other page, keeping where to go back.
 * `onDone`, when given, runs instead of going back (registration: nobody is signed in yet).
 */
export default function AuthForm({ title, name, submitLabel, busyLabel, ready, action, other, onDone, children }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = location.state?.from || '/dashboard';
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={from} replace />;

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (onDone) onDone(result);
      else navigate(from, { replace: true });
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={title}>
      <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2 }}>
        {error && <Alert severity="error" role="alert" data-testid={`${name}-error`}>{error}</Alert>}
        {children}
        <Button type="submit" variant="contained" size="large" disabled={busy || !ready} data-testid={`${name}-submit`}>
          {busy ? busyLabel : submitLabel}
        </Button>
        <Typography variant="body2">
          {other.prompt} <Link component={RouterLink} to={other.to} state={location.state} data-testid={other.testId}>{other.label}</Link>
        </Typography>
        {name === 'login' && (
          <Typography variant="body2">
            <Link component={RouterLink} to="/forgot-password" data-testid="forgot-password-link">Forgot your password?</Link>
          </Typography>
        )}
      </Box>
    </AuthCard>
  );
}
