import { useEffect, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { toLocalInputValue } from '../../shared/format.js';
import { sessionId } from '../sessions/sessions.js';

export default function RescheduleDialog({ session, open, onClose, onDone }) {
  const [date, setDate] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => { if (open && session) { setDate(toLocalInputValue(session.sessionDate)); setError(null); } }, [open, session]);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      const updated = await Api.reschedule(sessionId(session), new Date(date).toISOString());
      onDone?.(updated);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="reschedule-title" data-testid="reschedule-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="reschedule-title">Reschedule session</DialogTitle>
        <DialogContent>
          {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
          <TextField label="New date and time" type="datetime-local" required fullWidth value={date} onChange={(e) => setDate(e.target.value)}
            sx={{ mt: 1 }} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'reschedule-date' } }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy || !date} data-testid="reschedule-submit">Reschedule</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
