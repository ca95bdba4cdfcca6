import { useEffect, useRef, useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { groupByDay } from './weekSlots.js';

const WEEK = 7 * 86_400_000;

/**
 * A psychologist's free slots a week at a time, in Nairobi time: seven columns of start times, one
 * chosen (`chosen`, an ISO start; `onChoose(start)`). Starts at the moment the picker opened.
 */
export default function WeekSlotPicker({ psychologistId, open, chosen, onChoose, onError }) {
  // weeks from the moment the picker opened (a ref: re-opening must not fetch twice)
  const openedAt = useRef(Date.now());
  const [week, setWeek] = useState(0);
  const [slots, setSlots] = useState(null);

  useEffect(() => {
    if (open) { openedAt.current = Date.now(); setWeek(0); }
  }, [open]);

  useEffect(() => {
    if (!open || !psychologistId) return undefined;
    let live = true;
    setSlots(null);
    const from = openedAt.current + week * WEEK;
    Api.availability(psychologistId, new Date(from).toISOString(), new Date(from + WEEK).toISOString())
      .then((d) => { if (live) setSlots(d?.slots ?? []); })
      .catch((e) => { if (live) { setSlots([]); onError?.(e.detail || e.message); } });
    return () => { live = false; };
  }, [open, psychologistId, week]); // eslint-disable-line react-hooks/exhaustive-deps

  const days = groupByDay(slots ?? [], openedAt.current + week * WEEK);
  const goTo = (next) => { onChoose(null); setWeek(next); };
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button disabled={week === 0} onClick={() => goTo(week - 1)} data-testid="book-week-previous">Previous week</Button>
        <Button onClick={() => goTo(week + 1)} data-testid="book-week-next">Next week</Button>
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
                onClick={() => onChoose(slot.start)} data-testid="book-slot" data-start={slot.start}
                aria-pressed={chosen === slot.start}>
                {slot.label}
              </Button>
            ))}
          </Stack>
        ))}
      </Box>
    </>
  );
}
