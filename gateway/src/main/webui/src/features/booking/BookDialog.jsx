import { useEffect, useRef, useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { groupByDay, rateOf } from './weekSlots.js';

const WEEK = 7 * 86_400_000;

/** Books one of the psychologist's free slots, shown a week at a time in Nairobi time; the price is their rate. */
export default function BookDialog({ psychologist, open, onClose, onBooked }) {
  const [type, setType] = useState('individual');
  // weeks from the moment the dialog opened (a ref: re-opening must not fetch twice)
  const openedAt = useRef(Date.now());
  const [week, setWeek] = useState(0);
  const [slots, setSlots] = useState(null);
  const [chosen, setChosen] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) { openedAt.current = Date.now(); setWeek(0); setChosen(null); setError(null); }
  }, [open]);
  const weekStart = openedAt.current + week * WEEK;

  useEffect(() => {
    if (!open || !psychologist) return undefined;
    let live = true;
    setSlots(null);
    const from = openedAt.current + week * WEEK;
    Api.availability(psychologist.id, new Date(from).toISOString(), new Date(from + WEEK).toISOString())
      .then((d) => { if (live) setSlots(d?.slots ?? []); })
      .catch((e) => { if (live) { setSlots([]); setError(e.detail || e.message); } });
    return () => { live = false; };
  }, [open, psychologist, week]);

  const price = rateOf(psychologist, type);

  const submit = async (e) => {
    e.preventDefault();
    if (!chosen) { setError('Choose a time.'); return; }
    setBusy(true);
    setError(null);
    try {
      const session = await Api.book({ psychologistId: psychologist.id, sessionDate: chosen, sessionType: type });
      onBooked?.(session);
    } catch (err) {
      setError(err.detail || err.message);
    } finally {
      setBusy(false);
    }
  };

  const days = groupByDay(slots ?? [], weekStart);
  const firstWeek = week === 0;

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="book-title" data-testid="book-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="book-title">Book a session with {psychologist?.name}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error" role="alert" data-testid="book-error">{error}</Alert>}
            <TextField select label="Session type" value={type} onChange={(e) => setType(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'book-type' } }}>
              <MenuItem value="individual">Individual</MenuItem>
              <MenuItem value="group">Group (up to 6)</MenuItem>
            </TextField>
            <Typography data-testid="book-price">
              {price === null ? 'This psychologist has no rate for this session type yet.' : `Price: KES ${price}`}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Button disabled={firstWeek} onClick={() => { setChosen(null); setWeek(week - 1); }}
                data-testid="book-week-previous">Previous week</Button>
              <Button onClick={() => { setChosen(null); setWeek(week + 1); }} data-testid="book-week-next">Next week</Button>
              <Typography variant="body2" color="text.secondary">Times are Nairobi time (EAT, UTC+3).</Typography>
            </Stack>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 1 }} data-testid="book-week">
              {days.map((day) => (
                <Stack key={day.date} spacing={0.5} data-testid="book-day" data-date={day.date}>
                  <Typography variant="subtitle2" align="center">{day.label}</Typography>
                  {slots === null && <Typography variant="caption" align="center">…</Typography>}
                  {slots !== null && day.slots.length === 0 && <Typography variant="caption" align="center" color="text.secondary">—</Typography>}
                  {day.slots.map((slot) => (
                    <Button key={slot.start} size="small" variant={chosen === slot.start ? 'contained' : 'outlined'}
                      onClick={() => setChosen(slot.start)} data-testid="book-slot" data-start={slot.start}
                      aria-pressed={chosen === slot.start}>
                      {slot.label}
                    </Button>
                  ))}
                </Stack>
              ))}
            </Box>
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
