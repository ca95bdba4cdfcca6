import { useEffect, useState } from 'react';
import {
  Alert, Button, Skeleton, Stack, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import BookDialog from './BookDialog.jsx';
import PsychologistDirectory from './PsychologistDirectory.jsx';
import PayDialog from './PayDialog.jsx';
import RescheduleDialog from './RescheduleDialog.jsx';
import SessionCard from '../sessions/SessionCard.jsx';
import { useSessions } from '../sessions/useSessions.js';
import GroupSessionDirectory from '../group/GroupSessionDirectory.jsx';
import {
  asClientView, byDate, canChange, canPay, isGroup, isPaid, isUpcoming, sessionId,
} from '../sessions/sessions.js';
import { useNow } from '../../shared/useNow.js';
import { useActionToast } from '../../shared/useActionToast.jsx';

export default function ClientDashboard() {
  const now = useNow();
  const { sessions, error, reload } = useSessions();
  const [booking, setBooking] = useState(null);
  const [bookings, setBookings] = useState(0);
  const [paying, setPaying] = useState(null);
  const [rescheduling, setRescheduling] = useState(null);
  const { run, setToast, snackbar } = useActionToast(reload);

  const [phone, setPhone] = useState('');

  useEffect(() => {
    // The phone given at registration prefills the M-Pesa number.
    Api.me().then((me) => setPhone(me?.phone ?? '')).catch(() => {});
  }, []);

  const cancel = (s) => {
    if (window.confirm('Cancel this session?')) run(() => Api.cancel(sessionId(s)), 'Session cancelled');
  };

  // a group session shows the client their own seat's payment
  const mine = (sessions ?? []).map(asClientView);
  const upcoming = mine.filter(isUpcoming).sort(byDate);
  const past = mine.filter((s) => !isUpcoming(s)).sort(byDate).reverse();
  // a paid seat's refund is decided by the server as for a one-to-one cancellation
  const giveUpSeat = (s) => {
    const question = isPaid(s)
      ? 'Give up your paid seat in this group session? Someone else can then book it, and your join link stops working. '
        + 'Whether your payment is refunded depends on how long before the start you give it up; the email you get says so.'
      : 'Give up your seat in this group session?';
    if (window.confirm(question)) run(() => Api.cancel(sessionId(s)), 'Seat given up');
  };

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
                  {isGroup(s) && canChange(s) && (
                    <Button color="error" onClick={() => giveUpSeat(s)} data-testid="give-up-seat-button">Give up my seat</Button>
                  )}
                  {canChange(s) && !isGroup(s) && (
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

      <PsychologistDirectory onBook={setBooking} refresh={bookings} />
      <GroupSessionDirectory refresh={bookings}
        onBooked={() => { setBookings((n) => n + 1); setToast('Seat booked. Pay with M-Pesa to confirm it.'); reload(); }} />

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
        onBooked={() => { setBooking(null); setBookings((n) => n + 1); setToast('Session booked. Pay with M-Pesa to confirm it.'); reload(); }} />
      <PayDialog open={Boolean(paying)} session={paying} defaultPhone={phone} onClose={() => { setPaying(null); reload(); }}
        onPaid={() => reload()} />
      <RescheduleDialog open={Boolean(rescheduling)} session={rescheduling} onClose={() => setRescheduling(null)}
        onDone={() => { setRescheduling(null); setToast('Session rescheduled'); reload(); }} />
      {snackbar}
    </Stack>
  );
}
