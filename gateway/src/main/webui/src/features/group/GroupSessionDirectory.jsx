import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Button, Card, CardActions, CardContent, Chip, Stack, Typography,
} from '@mui/material';
import GroupsIcon from '@mui/icons-material/Groups';
import { Api } from '../../shared/api/client.js';
import { formatDateTime } from '../../shared/format.js';

/**
 * Open group sessions with the seats left: a client books a seat here, then pays it from their
 * session card like any booking (the seat is held for the payment hold). Prices are the server's.
 */
export default function GroupSessionDirectory({ onBooked, refresh = 0 }) {
  const [groups, setGroups] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(null);

  const load = useCallback(() => {
    // a refusal shown by book() stays while the list refreshes
    Api.groupSessions().then((list) => setGroups(list ?? []))
      .catch((e) => { setGroups([]); setError(e.detail || e.message); });
  }, []);
  useEffect(() => { load(); }, [load, refresh]);

  const book = async (group) => {
    setBusy(group.id);
    setError(null);
    try {
      const session = await Api.bookSeat(group.id);
      onBooked?.(session);
      load();
    } catch (e) {
      setError(e.detail || e.message);
      load();
    } finally {
      setBusy(null);
    }
  };

  if (groups !== null && groups.length === 0 && !error) return null;
  return (
    <section aria-labelledby="groups-heading" data-testid="group-directory">
      <Typography variant="h6" component="h2" id="groups-heading" gutterBottom>Group sessions</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Up to five clients with one psychologist. Each client pays their own seat.
      </Typography>
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      <Stack spacing={2}>
        {(groups ?? []).map((g) => (
          <Card key={g.id} variant="outlined" component="article" aria-labelledby={`group-${g.id}-title`} data-testid="group-card">
            <CardContent sx={{ pb: 1 }}>
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
                <div>
                  <Typography variant="subtitle1" component="h3" id={`group-${g.id}-title`} sx={{ fontWeight: 700 }}>{g.title}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {g.psychologist?.name} · {formatDateTime(g.sessionDate)} · KES {g.price} per seat
                  </Typography>
                </div>
                <Chip size="small" icon={<GroupsIcon />} data-testid="seats-left"
                  label={`${g.seatsLeft} of ${g.capacity} seats left`} color={g.seatsLeft === 1 ? 'warning' : 'default'} />
              </Stack>
            </CardContent>
            <CardActions sx={{ px: 2, pb: 2 }}>
              {g.booked ? <Chip size="small" color="success" variant="outlined" label="You have a seat" /> : (
                <Button variant="contained" disabled={busy === g.id} onClick={() => book(g)}
                  aria-label={`Book a seat in ${g.title}`} data-testid="book-seat-button">
                  {busy === g.id ? 'Booking…' : 'Book a seat'}
                </Button>
              )}
            </CardActions>
          </Card>
        ))}
      </Stack>
    </section>
  );
}
