import { TextField } from '@mui/material';

/** A new password typed twice; `value` is `{password, repeat}`. */
export default function NewPasswordFields({ value, onChange, label = 'New password', autoFocus = false }) {
  const mismatch = value.repeat !== '' && value.repeat !== value.password;
  return (
    <>
      <TextField label={label} type="password" autoComplete="new-password" required autoFocus={autoFocus}
        value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })}
        helperText="At least 8 characters, not a common password"
        slotProps={{ htmlInput: { 'data-testid': 'new-password' } }} />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" required
        value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.target.value })}
        error={mismatch} helperText={mismatch ? 'The two passwords differ' : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'new-password-repeat' } }} />
    </>
  );
}

export function newPasswordReady(value) {
  return value.password.length > 0 && value.password === value.repeat;
}
