import { useEffect, useState } from 'react';
import { Box, Button, Skeleton, Stack, TextField } from '@mui/material';
import { Api, errorText } from '../../shared/api/client.js';
import { SubmissionResult, useSubmission } from '../../shared/useSubmission.jsx';

const asField = (rate) => (rate === null || rate === undefined ? '' : String(rate));

/** An admin sets a psychologist's prices in whole KES; new bookings take them, existing ones keep theirs. */
export default function RatesForm({ psychologistId }) {
  const [rates, setRates] = useState(null);
  const { busy, result, setResult, submit } = useSubmission();

  useEffect(() => {
    let live = true;
    Api.rates(psychologistId)
      .then((r) => { if (live) setRates({ individual: asField(r?.individual), group: asField(r?.group) }); })
      .catch((e) => { if (live) { setRates({ individual: '', group: '' }); setResult({ ok: false, message: errorText(e) }); } });
    return () => { live = false; };
  }, [psychologistId]);

  if (!rates) return <Skeleton variant="rounded" height={56} />;

  const field = (key, label) => (
    <TextField label={label} type="number" required value={rates[key]} size="small"
      onChange={(e) => { setRates({ ...rates, [key]: e.target.value }); setResult(null); }}
      slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric', 'data-testid': `rates-${key}` } }} />
  );
  const toNumber = (v) => (v === '' ? null : Number(v));
  const save = async (e) => {
    e.preventDefault();
    const saved = await submit(
      () => Api.setRates(psychologistId, { individual: toNumber(rates.individual), group: toNumber(rates.group) }),
      (r) => `Rates saved: KES ${r?.individual} individual, KES ${r?.group} group. Existing bookings keep their price.`,
    );
    if (saved) setRates({ individual: asField(saved.individual), group: asField(saved.group) });
  };
  return (
    <Box component="form" onSubmit={save} noValidate data-testid="rates-form">
      <Stack spacing={2}>
        <SubmissionResult result={result} testId="rates" />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
          {field('individual', 'Individual session (KES)')}
          {field('group', 'Group session (KES)')}
          <Button type="submit" variant="contained" disabled={busy} data-testid="rates-save">{busy ? 'Saving…' : 'Save rates'}</Button>
        </Stack>
      </Stack>
    </Box>
  );
}
