import { useEffect, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';

export const CAPACITIES = [2, 3, 4, 5];

/** The instant (ISO) of a date and time typed on the practice's clock (EAT, UTC+3, no daylight saving). */
export function practiceInstant(localValue) {
  return new Date(`${localValue}:00+03:00`).toISOString();
}

/**
 * The psychologist opens a group session at one of their free times: a title and 2 to 5 client
 * seats; the price per seat is their group rate, set by the practice. An admin opens one for the
 * `psychologist` given (at any free time of theirs).
 */
export default function CreateGroupSessionDialog({ open, onClose, onCreated, psychologist }) {
  const [title, setTitle] = useState('');
  const [capacity, setCapacity] = useState(4);
  const [when, setWhen] = useState('');
  const [error, setError] = useState(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (open) { setTitle(''); setCapacity(4); setWhen(''); setError(null); }
  }, [open]);

  const submit = async (e) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    try {
      const body = { title: title.trim(), capacity, sessionDate: practiceInstant(when) };
      const session = await Api.createGroupSession(psychologist ? { ...body, psychologistId: psychologist.id } : body);
      onCreated?.(session);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="create-group-title" data-testid="create-group-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="create-group-title">{psychologist ? `New group session: ${psychologist.name}` : 'New group session'}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error" role="alert">{error}</Alert>}
            <TextField label="Title" required value={title} onChange={(e) => setTitle(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 120, 'data-testid': 'group-title' } }} />
            <TextField select label="Client seats" value={capacity} onChange={(e) => setCapacity(Number(e.target.value))}
              slotProps={{ htmlInput: { 'data-testid': 'group-capacity' } }}>
              {CAPACITIES.map((n) => <MenuItem key={n} value={n}>{n}</MenuItem>)}
            </TextField>
            <TextField label="Date and time (EAT)" type="datetime-local" required value={when}
              onChange={(e) => setWhen(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'group-date' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="contained" disabled={sending || !title.trim() || !when} data-testid="group-create-submit">
            {sending ? 'Creating…' : 'Create'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
