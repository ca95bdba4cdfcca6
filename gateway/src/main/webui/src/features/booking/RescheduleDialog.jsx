import { useEffect, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { formatDateTime } from '../../shared/format.js';
import { sessionId } from '../sessions/sessions.js';
import WeekSlotPicker from './WeekSlotPicker.jsx';

/** Moves a session to another free slot of its psychologist (the price stays). */
export default function RescheduleDialog({ session, open, onClose, onDone }) {
  const [chosen, setChosen] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => { if (open) { setChosen(null); setError(null); } }, [open, session]);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await Api.reschedule(sessionId(session), chosen);
      onDone?.(updated);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="reschedule-title" data-testid="reschedule-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="reschedule-title">Reschedule session</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error" role="alert">{error}</Alert>}
            {session && <Typography>Now: {formatDateTime(session.sessionDate)}. Choose a new time:</Typography>}
            <WeekSlotPicker psychologistId={session?.psychologist?.id} open={open} chosen={chosen} onChoose={setChosen} onError={setError} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy || !chosen} data-testid="reschedule-submit">Reschedule</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
