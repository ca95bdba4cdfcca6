import { useEffect, useState } from 'react';
import {
  Alert, Avatar, Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Stack, TextField, Typography,
} from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { nairobiDateTime } from '../../shared/practiceTime.js';
import { useDebounced, usePagedList } from '../../shared/usePagedList.js';
import { Pager, usePaging } from '../../shared/Pager.jsx';
import { useImage } from '../../shared/useImage.js';
import { rateOf } from './weekSlots.js';

const loadDirectory = async (params) => {
  const data = await Api.psychologists(params);
  const items = asList(data);
  return { items, total: typeof data?.total === 'number' ? data.total : items.length };
};

const kes = (amount) => `KES ${amount.toLocaleString('en-KE')}`;

function Rates({ psychologist }) {
  const individual = rateOf(psychologist, 'individual');
  const group = rateOf(psychologist, 'group');
  if (individual === null && group === null) return <Typography variant="body2" color="text.secondary">Rates not set yet</Typography>;
  return (
    <Typography variant="body2" data-testid="psychologist-rates">
      {[individual !== null && `Individual ${kes(individual)}`, group !== null && `Group ${kes(group)}`].filter(Boolean).join(' · ')}
    </Typography>
  );
}

function PsychologistCard({ psychologist: p, onBook }) {
  const specialties = Array.isArray(p.specialties) ? p.specialties : [p.specialties].filter(Boolean);
  const photo = useImage(p.photo);
  return (
    <Card variant="outlined" component="article" data-testid="psychologist-card" data-psychologist-id={p.id}>
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Avatar src={photo ?? undefined} alt={photo ? `Photo of ${p.name}` : undefined} aria-hidden={photo ? undefined : true}>
            {p.name?.[0]}
          </Avatar>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>{p.name}</Typography>
        </Stack>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, my: 1 }}>
          {specialties.map((sp) => <Chip key={sp} size="small" label={sp} />)}
        </Stack>
        {p.languages?.length > 0 && <Typography variant="body2">Speaks {p.languages.join(', ')}</Typography>}
        <Rates psychologist={p} />
        <Typography variant="body2" data-testid="psychologist-next-slot" sx={{ mt: 0.5 }}>
          {p.nextFreeSlot ? `Next free: ${nairobiDateTime(p.nextFreeSlot)} (Nairobi time)` : 'No free slot in the coming weeks'}
        </Typography>
        {p.bio && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{p.bio}</Typography>}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        <Button variant="contained" onClick={() => onBook(p)} data-testid="book-button" data-psychologist-id={p.id}
          aria-label={`Book session with ${p.name}`}>
          Book session
        </Button>
      </CardActions>
    </Card>
  );
}

/**
 * The directory: search by name, specialty or language, a page of cards at a time. A change of
 * `refresh` (a booking was made) reloads it: the next free slots moved.
 */
export default function PsychologistDirectory({ onBook, refresh = 0 }) {
  const [search, setSearch] = useState({ q: '', specialty: '', language: '' });
  const settled = useDebounced(search);
  const paging = usePaging(12);
  const params = {
    q: settled.q.trim(), specialty: settled.specialty.trim(), language: settled.language.trim(), page: paging.page, size: paging.size,
  };
  const { items, total, error, reload } = usePagedList(loadDirectory, params);
  useEffect(() => { if (refresh) reload(); }, [refresh, reload]);
  const field = (key, label) => (
    <TextField size="small" label={label} value={search[key]} onChange={(e) => { setSearch({ ...search, [key]: e.target.value }); paging.reset(); }}
      slotProps={{ htmlInput: { 'data-testid': `directory-${key}` } }} />
  );
  const searching = Object.values(settled).some((v) => v.trim());
  return (
    <section aria-labelledby="directory-heading">
      <Typography variant="h5" component="h2" id="directory-heading" gutterBottom>Psychologists</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }} role="search" aria-label="Find a psychologist">
        {field('q', 'Name')}
        {field('specialty', 'Specialty')}
        {field('language', 'Language')}
      </Box>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      {items === null && !error && <Skeleton variant="rounded" height={120} />}
      {items && items.length === 0 && (
        <Typography color="text.secondary" data-testid="directory-empty">
          {searching ? 'No psychologist matches this search.' : 'No psychologists are listed yet.'}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' } }}>
        {(items ?? []).map((p) => <PsychologistCard key={p.id} psychologist={p} onBook={onBook} />)}
      </Box>
      {total > 0 && <Pager paging={paging} total={total} rows={items} options={[12, 24, 48]} label="Per page" />}
    </section>
  );
}
