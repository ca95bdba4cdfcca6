import { useEffect, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import WeekSlotPicker from './WeekSlotPicker.jsx';
import { rateOf } from './weekSlots.js';

/**
 * Books a one-to-one session in one of the psychologist's free slots, shown a week at a time in
 * Nairobi time; the price is their individual rate. Group sessions are booked a seat at a time from
 * the group sessions list, whose room holds the group.
 */
export default function BookDialog({ psychologist, open, onClose, onBooked }) {
  const [chosen, setChosen] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) { setChosen(null); setError(null); }
  }, [open]);

  const price = rateOf(psychologist, 'individual');

  const submit = async (e) => {
    e.preventDefault();
    if (!chosen) { setError('Choose a time.'); return; }
    setBusy(true);
    setError(null);
    try {
      const session = await Api.book({ psychologistId: psychologist.id, sessionDate: chosen, sessionType: 'individual' });
      onBooked?.(session);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="book-title" data-testid="book-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="book-title">Book a session with {psychologist?.name}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error" role="alert" data-testid="book-error">{error}</Alert>}
            <Typography data-testid="book-price">
              {price === null ? 'This psychologist has no rate for one-to-one sessions yet.' : `One-to-one session · KES ${price}`}
            </Typography>
            <WeekSlotPicker psychologistId={psychologist?.id} open={open} chosen={chosen} onChoose={setChosen} onError={setError} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy || !chosen || price === null} data-testid="book-submit">
            {busy ? 'Booking…' : 'Book session'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
