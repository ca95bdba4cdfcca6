import { useEffect, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { toLocalInputValue } from '../../shared/format.js';

function defaultSlot() {
  // A few minutes ahead, so a session booked now can be joined right away.
  const d = new Date(Date.now() + 5 * 60_000);
  d.setSeconds(0, 0);
  return toLocalInputValue(d);
}

export default function BookDialog({ psychologist, open, onClose, onBooked }) {
  const [date, setDate] = useState(defaultSlot);
  const [type, setType] = useState('individual');
  const [price, setPrice] = useState('2500');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => { if (open) { setDate(defaultSlot()); setError(null); } }, [open]);

  const submit = async (e) => {
    e.preventDefault();
    const when = new Date(date);
    if (Number.isNaN(when.getTime())) { setError('Choose a date and time.'); return; }
    setBusy(true);
    setError(null);
    try {
      const session = await Api.book({
        psychologistId: psychologist.id, sessionDate: when.toISOString(), sessionType: type, price: Number(price),
      });
      onBooked?.(session);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="book-title" data-testid="book-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="book-title">Book a session with {psychologist?.name}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error" role="alert" data-testid="book-error">{error}</Alert>}
            <TextField label="Date and time" type="datetime-local" required value={date} onChange={(e) => setDate(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'book-date' } }} />
            <TextField select label="Session type" value={type} onChange={(e) => setType(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'book-type' } }}>
              <MenuItem value="individual">Individual</MenuItem>
              <MenuItem value="group">Group (up to 6)</MenuItem>
            </TextField>
            <TextField label="Price (KES)" type="number" required value={price} onChange={(e) => setPrice(e.target.value)}
              slotProps={{ htmlInput: { min: 0, step: 50, 'data-testid': 'book-price' } }} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="book-submit">{busy ? 'Booking…' : 'Book session'}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
