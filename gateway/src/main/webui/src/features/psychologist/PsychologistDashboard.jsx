import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Skeleton, Stack, Tab, Tabs, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import WorkingHoursEditor from '../availability/WorkingHoursEditor.jsx';
import CreateGroupSessionDialog from '../group/CreateGroupSessionDialog.jsx';
import PhotoUpload from '../profile/PhotoUpload.jsx';
import { fromApi, hasNoHours } from '../availability/workingHours.js';
import PastSessions from '../sessions/PastSessions.jsx';
import SessionCard from '../sessions/SessionCard.jsx';
import { useSessions } from '../sessions/useSessions.js';
import { byDate, canChange, isUpcoming, sessionId } from '../sessions/sessions.js';
import { useNow } from '../../shared/useNow.js';
import { useActionToast } from '../../shared/useActionToast.jsx';

function ScheduleTab({ withoutHours, onSetHours }) {
  const now = useNow();
  const { sessions, error, reload } = useSessions();
  const { run, setToast, snackbar } = useActionToast(reload);
  const [creatingGroup, setCreatingGroup] = useState(false);

  const act = (s, action, done) => {
    if (action === 'decline' && !window.confirm('Decline this session? The client is told and the booking is cancelled.')) return;
    run(() => Api[action](sessionId(s)), done);
  };
  const upcoming = (sessions ?? []).filter(isUpcoming).sort(byDate);
  // cancelled or expired sessions whose time has not come: the paged history starts after their date
  const cancelledAhead = (sessions ?? []).filter((s) => !isUpcoming(s) && new Date(s.sessionDate) > now).sort(byDate);

  return (
    <Stack spacing={4}>
      <section aria-labelledby="schedule-heading">
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h5" component="h1" id="schedule-heading" gutterBottom>Your schedule</Typography>
          <Button variant="outlined" onClick={() => setCreatingGroup(true)} data-testid="new-group-button">New group session</Button>
        </Stack>
        <Alert severity="info" sx={{ mb: 2 }}>
          Join a session from 15 minutes before its start. Clients wait in the waiting room until you admit them from the call.
        </Alert>
        {withoutHours && (
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="no-working-hours"
            action={<Button color="inherit" size="small" onClick={onSetHours}>Set working hours</Button>}>
            Clients cannot book you yet: set your weekly working hours first.
          </Alert>
        )}
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        {sessions === null && !error && <Skeleton variant="rounded" height={120} />}
        {sessions && upcoming.length === 0 && <Typography color="text.secondary" data-testid="no-sessions">No upcoming sessions.</Typography>}
        <Stack spacing={2}>
          {upcoming.map((s) => (
            <SessionCard key={sessionId(s)} session={s} counterpart={s.client} now={now}
              actions={canChange(s) && (s.psychologistAccepted ? <Chip size="small" color="success" variant="outlined" label="Accepted" /> : (
                <>
                  <Button variant="outlined" onClick={() => act(s, 'accept', 'Session accepted')} data-testid="accept-button" data-session-id={sessionId(s)}>Accept</Button>
                  <Button color="error" onClick={() => act(s, 'decline', 'Session declined')} data-testid="decline-button" data-session-id={sessionId(s)}>Decline</Button>
                </>
              ))} />
          ))}
        </Stack>
      </section>
      {cancelledAhead.length > 0 && (
        <section aria-labelledby="cancelled-heading">
          <Typography variant="h6" component="h2" id="cancelled-heading" gutterBottom>Cancelled</Typography>
          <Stack spacing={2}>
            {cancelledAhead.map((s) => (
              <SessionCard key={sessionId(s)} session={s} counterpart={s.client} now={now} showJoin={false} />
            ))}
          </Stack>
        </section>
      )}
      <PastSessions heading="History" counterpartOf={(s) => s.client} now={now} />
      <CreateGroupSessionDialog open={creatingGroup} onClose={() => setCreatingGroup(false)}
        onCreated={() => { setCreatingGroup(false); setToast('Group session created: clients can book its seats now.'); reload(); }} />
      {snackbar}
    </Stack>
  );
}

/** The psychologist's schedule, and their working hours and time off (what clients can book). */
export default function PsychologistDashboard({ psychologistId, name }) {
  const [tab, setTab] = useState('schedule');
  const [withoutHours, setWithoutHours] = useState(false);
  const checkHours = useCallback(() => {
    Api.workingHours(psychologistId).then((d) => setWithoutHours(hasNoHours(fromApi(d?.hours)))).catch(() => setWithoutHours(false));
  }, [psychologistId]);
  useEffect(() => { checkHours(); }, [checkHours]);
  const tabs = [{ id: 'schedule', label: 'Schedule' }, { id: 'hours', label: 'Working hours' }];
  return (
    <Stack spacing={2}>
      <Tabs value={tab} onChange={(_, v) => setTab(v)} aria-label="Psychologist sections">
        {tabs.map((t) => (
          <Tab key={t.id} value={t.id} label={t.label} id={`psychologist-tab-${t.id}`} aria-controls={`psychologist-panel-${t.id}`}
            data-testid={`psychologist-tab-${t.id}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`psychologist-panel-${tab}`} aria-labelledby={`psychologist-tab-${tab}`}>
        {tab === 'schedule' ? <ScheduleTab withoutHours={withoutHours} onSetHours={() => setTab('hours')} /> : (
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">Working hours and time off</Typography>
            <WorkingHoursEditor psychologistId={psychologistId} onSaved={checkHours} />
            <section aria-labelledby="photo-heading">
              <Typography variant="h6" component="h2" id="photo-heading" gutterBottom>Profile photo</Typography>
              <PhotoUpload psychologistId={psychologistId} name={name} />
            </section>
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
