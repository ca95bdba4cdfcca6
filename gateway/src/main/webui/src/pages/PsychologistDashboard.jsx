import { Alert, Skeleton, Stack, Typography } from '@mui/material';
import SessionCard from '../components/SessionCard.jsx';
import { useSessions } from '../components/useSessions.js';
import { byDate, isUpcoming, sessionId } from '../lib/sessions.js';
import { useNow } from '../lib/useNow.js';

export default function PsychologistDashboard() {
  const now = useNow();
  const { sessions, error } = useSessions();
  const upcoming = (sessions ?? []).filter(isUpcoming).sort(byDate);
  const past = (sessions ?? []).filter((s) => !isUpcoming(s)).sort(byDate).reverse();

  return (
    <Stack spacing={4}>
      <section aria-labelledby="schedule-heading">
        <Typography variant="h5" component="h1" id="schedule-heading" gutterBottom>Your schedule</Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          Join a session from 15 minutes before its start. Clients wait in the waiting room until you admit them from the call.
        </Alert>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        {sessions === null && !error && <Skeleton variant="rounded" height={120} />}
        {sessions && upcoming.length === 0 && <Typography color="text.secondary" data-testid="no-sessions">No upcoming sessions.</Typography>}
        <Stack spacing={2}>
          {upcoming.map((s) => (
            <SessionCard key={sessionId(s)} session={s} counterpart={s.client} now={now} />
          ))}
        </Stack>
      </section>
      {past.length > 0 && (
        <section aria-labelledby="history-heading">
          <Typography variant="h6" component="h2" id="history-heading" gutterBottom>History</Typography>
          <Stack spacing={2}>
            {past.slice(0, 20).map((s) => (
              <SessionCard key={sessionId(s)} session={s} counterpart={s.client} now={now} showJoin={false} />
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}
