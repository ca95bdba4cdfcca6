import { useState } from 'react';
import { Alert, Box, Button, MenuItem, TextField } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { useSubmission } from '../../shared/useSubmission.jsx';

const EMPTY = { name: '', email: '', password: '', role: 'psychologist', specialties: '', languages: '', bio: '' };
const list = (text) => text.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * An admin creates a psychologist or admin account. A new psychologist cannot be booked until
 * they have rates and hours, so the result offers to set them right away.
 */
export default function CreateUserForm({ onCreated, onSetUp }) {
  const [form, setForm] = useState(EMPTY);
  const { busy, result, submit } = useSubmission();
  const [created, setCreated] = useState(null);
  const field = (k) => ({ value: form[k], onChange: (e) => setForm({ ...form, [k]: e.target.value }) });
  const create = async (e) => {
    e.preventDefault();
    // Without a password the person is emailed an invitation link to choose their own.
    const body = { name: form.name.trim(), email: form.email.trim(), role: form.role };
    if (form.password) body.password = form.password;
    if (form.role === 'psychologist') {
      body.specialties = list(form.specialties);
      if (list(form.languages).length) body.languages = list(form.languages);
      if (form.bio.trim()) body.bio = form.bio.trim();
    }
    const user = await submit(async () => {
      const answer = await Api.createUser(body);
      return { id: answer?.id, name: answer?.name ?? body.name, role: body.role };
    }, (u) => `Created ${u.role} ${u.name}${body.password ? '' : '; an invitation to choose a password has been emailed'}`);
    setCreated(user ?? null);
    if (user) {
      setForm(EMPTY);
      onCreated?.(user);
    }
  };
  const newPsychologist = result?.ok && created?.role === 'psychologist' && created.id;
  return (
    <Box component="form" onSubmit={create} sx={{ display: 'grid', gap: 2, maxWidth: 420 }}>
      {result && (
        <Alert severity={result.ok ? 'success' : 'error'} role="status" data-testid="create-user-result"
          action={newPsychologist && (
            <Button color="inherit" size="small" onClick={() => onSetUp?.(created)} data-testid="create-user-set-up">
              Set rates and hours
            </Button>
          )}>
          {result.message}{newPsychologist ? '. Clients can book them once they have rates and working hours.' : ''}
        </Alert>
      )}
      <TextField label="Full name" required {...field('name')} slotProps={{ htmlInput: { 'data-testid': 'create-user-name' } }} />
      <TextField label="Email" type="email" required {...field('email')} slotProps={{ htmlInput: { 'data-testid': 'create-user-email' } }} />
      <TextField label="Initial password (optional)" type="password" autoComplete="new-password" {...field('password')}
        helperText="Leave empty to email them a link to choose their own"
        slotProps={{ htmlInput: { 'data-testid': 'create-user-password' } }} />
      <TextField select label="Role" {...field('role')} slotProps={{ htmlInput: { 'data-testid': 'create-user-role' } }}>
        <MenuItem value="psychologist">Psychologist</MenuItem>
        <MenuItem value="admin">Admin</MenuItem>
      </TextField>
      {form.role === 'psychologist' && (
        <>
          <TextField label="Specialties (comma-separated)" {...field('specialties')} placeholder="Anxiety, Depression"
            slotProps={{ htmlInput: { 'data-testid': 'create-user-specialties' } }} />
          <TextField label="Languages (comma-separated)" {...field('languages')} placeholder="English, Swahili"
            slotProps={{ htmlInput: { 'data-testid': 'create-user-languages' } }} />
          <TextField label="Short bio" multiline minRows={3} {...field('bio')}
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'create-user-bio' } }} />
        </>
      )}
      <Button type="submit" variant="contained" disabled={busy} data-testid="create-user-submit">Create user</Button>
    </Box>
  );
}
