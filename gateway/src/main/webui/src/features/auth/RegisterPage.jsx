import { useState } from 'react';
import { Alert, Link, TextField, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useAuth } from './AuthContext.jsx';
import AuthCard from './AuthCard.jsx';
import AuthForm from './AuthForm.jsx';
import { NOTICE_VERSION } from '../privacy/notice.js';
import PrivacyConsentCheckbox from '../privacy/PrivacyConsentCheckbox.jsx';

/**
 * Registration answers alike for every address; the verification link in the email signs in.
 * Accepting the privacy notice is required; the version accepted goes with the registration.
 */
export default function RegisterPage() {
  const { register } = useAuth();
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const [consent, setConsent] = useState(false);
  const [sent, setSent] = useState(null);
  const field = (key) => ({ value: form[key], onChange: (e) => setForm({ ...form, [key]: e.target.value }) });
  const send = () => {
    const body = { name: form.name.trim(), email: form.email.trim(), password: form.password, privacyNotice: NOTICE_VERSION };
    if (form.phone.trim()) body.phone = form.phone.trim();
    return register(body);
  };
  if (sent) {
    return (
      <AuthCard title="Check your email">
        <Alert severity="success" data-testid="register-sent" sx={{ mb: 2 }}>{sent}</Alert>
        <Typography variant="body2">
          The link works for 24 hours. Already confirmed? <Link component={RouterLink} to="/login" data-testid="login-link">Log in</Link>
        </Typography>
      </AuthCard>
    );
  }
  return (
    <AuthForm title="Create your account" name="register" submitLabel="Create account" busyLabel="Creating account…"
      ready={form.name && form.email && form.password && consent} action={send}
      onDone={(res) => setSent(res?.detail || 'Check your email: open the link we sent to finish signing up.')}
      other={{ prompt: 'Already registered?', to: '/login', label: 'Log in', testId: 'login-link' }}>
      <TextField label="Full name" autoComplete="name" required autoFocus {...field('name')}
        slotProps={{ htmlInput: { 'data-testid': 'register-name' } }} />
      <TextField label="Email" type="email" autoComplete="email" required {...field('email')}
        slotProps={{ htmlInput: { 'data-testid': 'register-email' } }} />
      <TextField label="Password" type="password" autoComplete="new-password" required {...field('password')}
        helperText="At least 8 characters, not a common password" slotProps={{ htmlInput: { 'data-testid': 'register-password' } }} />
      <TextField label="Phone (optional, for M-Pesa)" type="tel" autoComplete="tel" placeholder="2547XXXXXXXX" {...field('phone')}
        slotProps={{ htmlInput: { 'data-testid': 'register-phone' } }} />
      <PrivacyConsentCheckbox checked={consent} onChange={setConsent} testId="register-consent" />
    </AuthForm>
  );
}
