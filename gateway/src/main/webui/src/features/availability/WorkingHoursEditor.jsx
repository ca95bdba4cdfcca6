import { useEffect, useState } from 'react';
import {
  Alert, Box, Button, IconButton, Paper, Skeleton, Stack, TextField, Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Api } from '../../shared/api/client.js';
import { SubmissionResult, useSubmission } from '../../shared/useSubmission.jsx';
import { nairobiDate } from '../../shared/practiceTime.js';
import {
  WEEKDAYS, copyMondayToWeekdays, fieldLabel, fromApi, hasNoHours, nextRange, toApi,
} from './workingHours.js';

/** The server's refusal in the screen's words: "Monday: a range must end after it starts". */
function refusal(e) {
  const label = fieldLabel(e?.problem?.field);
  const detail = e?.detail || e?.message;
  return label ? `${label}: ${detail}` : detail;
}

function RangeRow({ day, index, range, onChange, onRemove }) {
  const time = (key, label) => (
    <TextField type="time" size="small" label={label} value={range[key]} required
      onChange={(e) => onChange({ ...range, [key]: e.target.value })}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300, 'data-testid': `hours-${key}`, 'data-day': day.key, 'data-index': index } }} />
  );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {time('start', 'From')}
      {time('end', 'Until')}
      <IconButton onClick={onRemove} aria-label={`Remove ${day.label} ${range.start}–${range.end}`} data-testid="hours-remove">
        <DeleteOutlineIcon />
      </IconButton>
    </Stack>
  );
}

/**
 * A psychologist's weekly working hours (several ranges a day) and time off, edited and saved in
 * one go. Used by the psychologist for themself and by an admin for any psychologist.
 */
export default function WorkingHoursEditor({ psychologistId, onSaved }) {
  const [form, setForm] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const { busy, result, setResult, submit } = useSubmission();

  useEffect(() => {
    let live = true;
    setForm(null);
    Api.workingHours(psychologistId)
      .then((d) => { if (live) setForm(fromApi(d?.hours)); })
      .catch((e) => { if (live) setLoadError(e.detail || e.message); });
    return () => { live = false; };
  }, [psychologistId]);

  if (loadError) return <Alert severity="error" role="alert" data-testid="hours-error">{loadError}</Alert>;
  if (!form) return <Skeleton variant="rounded" height={240} />;

  const edit = (next) => { setForm(next); setResult(null); };
  const setDay = (key, ranges) => edit({ ...form, weekly: { ...form.weekly, [key]: ranges } });
  const setOff = (timeOff) => edit({ ...form, timeOff });
  const today = nairobiDate(Date.now());

  const save = async (e) => {
    e.preventDefault();
    const saved = await submit(() => Api.setWorkingHours(psychologistId, toApi(form)),
      () => 'Working hours saved. Clients can book the free slots inside them.', refusal);
    if (saved) {
      setForm(fromApi(saved.hours));
      onSaved?.();
    }
  };

  return (
    <Box component="form" onSubmit={save} noValidate data-testid="hours-editor">
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          Times are Nairobi time (EAT, UTC+3). Clients can book the free slots inside these hours, at least two hours ahead.
        </Typography>
        {hasNoHours(form) && (
          <Alert severity="warning" data-testid="hours-none">No working hours yet: clients cannot book until some are saved.</Alert>
        )}
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>Weekly hours</Typography>
          <Stack spacing={1.5}>
            {WEEKDAYS.map((day) => {
              const ranges = form.weekly[day.key];
              return (
                <Box key={day.key} component="fieldset" data-testid="hours-day" data-day={day.key}
                  sx={{ border: 0, p: 0, m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '8rem 1fr' }, gap: 1, alignItems: 'start' }}>
                  <Typography component="legend" sx={{ fontWeight: 600, pt: 1, float: 'left' }}>{day.label}</Typography>
                  <Stack spacing={1}>
                    {ranges.length === 0 && <Typography variant="body2" color="text.secondary" sx={{ pt: 1 }}>Not working</Typography>}
                    {ranges.map((range, i) => (
                      <RangeRow key={i} day={day} index={i} range={range}
                        onChange={(r) => setDay(day.key, ranges.map((x, j) => (j === i ? r : x)))}
                        onRemove={() => setDay(day.key, ranges.filter((_, j) => j !== i))} />
                    ))}
                    <Box>
                      <Button size="small" onClick={() => setDay(day.key, [...ranges, nextRange(ranges)])}
                        aria-label={`Add hours on ${day.label}`} data-testid="hours-add" data-day={day.key}>Add hours</Button>
                    </Box>
                  </Stack>
                </Box>
              );
            })}
          </Stack>
          <Button sx={{ mt: 2 }} variant="outlined" size="small" disabled={!form.weekly.monday.length}
            onClick={() => edit(copyMondayToWeekdays(form))} data-testid="hours-copy-weekdays">
            Copy Monday to Tuesday–Friday
          </Button>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>Time off</Typography>
          <Stack spacing={1}>
            {form.timeOff.length === 0 && <Typography variant="body2" color="text.secondary">No time off planned.</Typography>}
            {form.timeOff.map((off, i) => (
              <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="time-off-row">
                {['from', 'to'].map((key) => (
                  <TextField key={key} type="date" size="small" label={key === 'from' ? 'First day off' : 'Last day off'} value={off[key]} required
                    onChange={(e) => setOff(form.timeOff.map((x, j) => (j === i ? { ...x, [key]: e.target.value } : x)))}
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `time-off-${key}` } }} />
                ))}
                <IconButton onClick={() => setOff(form.timeOff.filter((_, j) => j !== i))}
                  aria-label={`Remove time off ${off.from} to ${off.to}`}><DeleteOutlineIcon /></IconButton>
              </Stack>
            ))}
            <Box>
              <Button size="small" onClick={() => setOff([...form.timeOff, { from: today, to: today }])} data-testid="time-off-add">
                Add time off
              </Button>
            </Box>
          </Stack>
        </Paper>
        <SubmissionResult result={result} testId="hours" />
        <Box>
          <Button type="submit" variant="contained" disabled={busy} data-testid="hours-save">
            {busy ? 'Saving…' : 'Save working hours'}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
