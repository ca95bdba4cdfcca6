import { useEffect, useState } from 'react';
import {
  Alert, Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Snackbar, Stack, Typography,
} from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import BookDialog from './BookDialog.jsx';
import PayDialog from './PayDialog.jsx';
import RescheduleDialog from './RescheduleDialog.jsx';
import SessionCard from '../sessions/SessionCard.jsx';
import { useSessions } from '../sessions/useSessions.js';
import { byDate, canChange, canPay, isUpcoming, sessionId } from '../sessions/sessions.js';
import { useNow } from '../../shared/useNow.js';

export default function ClientDashboard() {
  const now = useNow();
  const { sessions, error, reload } = useSessions();
  const [psychologists, setPsychologists] = useState(null);
  const [dirError, setDirError] = useState(null);
  const [booking, setBooking] = useState(null);
  const [paying, setPaying] = useState(null);
  const [rescheduling, setRescheduling] = useState(null);
  const [toast, setToast] = useState(null);

  const [phone, setPhone] = useState('');

  useEffect(() => {
    Api.psychologists().then((d) => setPsychologists(asList(d))).catch((e) => setDirError(e.detail || e.message));
    // The phone given at registration prefills the M-Pesa number.
    Api.me().then((me) => setPhone(me?.phone ?? '')).catch(() => {});
  }, []);

  const cancel = async (s) => {
    if (!window.confirm('Cancel this session?')) return;
    try {
      await Api.cancel(sessionId(s));
      setToast('Session cancelled');
      reload();
    } catch (e) {
      setToast(e.detail || e.message);
    }
  };

  const upcoming = (sessions ?? []).filter(isUpcoming).sort(byDate);
  const past = (sessions ?? []).filter((s) => !isUpcoming(s)).sort(byDate).reverse();

  return (
    <Stack spacing={4}>
      <section aria-labelledby="upcoming-heading">
        <Typography variant="h5" component="h1" id="upcoming-heading" gutterBottom>Your upcoming sessions</Typography>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        {sessions === null && !error && <Skeleton variant="rounded" height={120} />}
        {sessions && upcoming.length === 0 && (
          <Typography color="text.secondary" data-testid="no-sessions">No upcoming sessions. Book one with a psychologist below.</Typography>
        )}
        <Stack spacing={2}>
          {upcoming.map((s) => (
            <SessionCard key={sessionId(s)} session={s} counterpart={s.psychologist} now={now}
              actions={(
                <>
                  {canPay(s) && (
                    <Button variant="outlined" color="success" onClick={() => setPaying(s)} data-testid="pay-button" data-session-id={sessionId(s)}>
                      Pay with M-Pesa
                    </Button>
                  )}
                  {canChange(s) && (
                    <>
                      <Button onClick={() => setRescheduling(s)} data-testid="reschedule-button">Reschedule</Button>
                      <Button color="error" onClick={() => cancel(s)} data-testid="cancel-button">Cancel</Button>
                    </>
                  )}
                </>
              )} />
          ))}
        </Stack>
      </section>

      <section aria-labelledby="directory-heading">
        <Typography variant="h5" component="h2" id="directory-heading" gutterBottom>Psychologists</Typography>
        {dirError && <Alert severity="error" role="alert">{dirError}</Alert>}
        {psychologists === null && !dirError && <Skeleton variant="rounded" height={120} />}
        {psychologists && psychologists.length === 0 && <Typography color="text.secondary">No psychologists are listed yet.</Typography>}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' } }}>
          {(psychologists ?? []).map((p) => (
            <Card key={p.id} variant="outlined" component="article" data-testid="psychologist-card" data-psychologist-id={p.id}>
              <CardContent>
                <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>{p.name}</Typography>
                <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, my: 1 }}>
                  {(Array.isArray(p.specialties) ? p.specialties : [p.specialties].filter(Boolean)).map((sp) => (
                    <Chip key={sp} size="small" label={sp} />
                  ))}
                </Stack>
                {p.bio && <Typography variant="body2" color="text.secondary">{p.bio}</Typography>}
              </CardContent>
              <CardActions sx={{ px: 2, pb: 2 }}>
                <Button variant="contained" onClick={() => setBooking(p)} data-testid="book-button" data-psychologist-id={p.id}
                  aria-label={`Book session with ${p.name}`}>
                  Book session
                </Button>
              </CardActions>
            </Card>
          ))}
        </Box>
      </section>

      {past.length > 0 && (
        <section aria-labelledby="past-heading">
          <Typography variant="h6" component="h2" id="past-heading" gutterBottom>Past and cancelled</Typography>
          <Stack spacing={2}>
            {past.slice(0, 10).map((s) => (
              <SessionCard key={sessionId(s)} session={s} counterpart={s.psychologist} now={now} showJoin={false} />
            ))}
          </Stack>
        </section>
      )}

      <BookDialog open={Boolean(booking)} psychologist={booking} onClose={() => setBooking(null)}
        onBooked={() => { setBooking(null); setToast('Session booked. Pay with M-Pesa to confirm it.'); reload(); }} />
      <PayDialog open={Boolean(paying)} session={paying} defaultPhone={phone} onClose={() => { setPaying(null); reload(); }}
        onPaid={() => reload()} />
      <RescheduleDialog open={Boolean(rescheduling)} session={rescheduling} onClose={() => setRescheduling(null)}
        onDone={() => { setRescheduling(null); setToast('Session rescheduled'); reload(); }} />
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}
