import { useState } from 'react';
import { TextField } from '@mui/material';
import { useAuth } from './AuthContext.jsx';
import AuthForm from './AuthForm.jsx';

export default function RegisterPage() {
  const { register } = useAuth();
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '' });
  const field = (key) => ({ value: form[key], onChange: (e) => setForm({ ...form, [key]: e.target.value }) });
  const send = () => {
    const body = { name: form.name.trim(), email: form.email.trim(), password: form.password };
    if (form.phone.trim()) body.phone = form.phone.trim();
    return register(body);
  };
  return (
    <AuthForm title="Create your account" name="register" submitLabel="Create account" busyLabel="Creating account…"
      ready={form.name && form.email && form.password} action={send}
      other={{ prompt: 'Already registered?', to: '/login', label: 'Log in', testId: 'login-link' }}>
      <TextField label="Full name" autoComplete="name" required autoFocus {...field('name')}
        slotProps={{ htmlInput: { 'data-testid': 'register-name' } }} />
      <TextField label="Email" type="email" autoComplete="email" required {...field('email')}
        slotProps={{ htmlInput: { 'data-testid': 'register-email' } }} />
      <TextField label="Password" type="password" autoComplete="new-password" required {...field('password')}
        helperText="At least 8 characters" slotProps={{ htmlInput: { 'data-testid': 'register-password' } }} />
      <TextField label="Phone (optional, for M-Pesa)" type="tel" autoComplete="tel" placeholder="2547XXXXXXXX" {...field('phone')}
        slotProps={{ htmlInput: { 'data-testid': 'register-phone' } }} />
    </AuthForm>
  );
}
