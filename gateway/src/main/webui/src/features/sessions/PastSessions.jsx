import { Alert, Stack, Typography } from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { Pager, usePaging } from '../../shared/Pager.jsx';
import { usePagedList } from '../../shared/usePagedList.js';
import SessionCard from './SessionCard.jsx';
import { sessionId } from './sessions.js';

const loadPast = (params) => Api.sessionsPage({ ...params, scope: 'past' });

/**
 * The caller's past sessions (over by more than the call window), latest first, a page at a time
 * from the server: years of history never load at once. Nothing is shown while there is none.
 */
export default function PastSessions({ heading, counterpartOf, now, size = 10 }) {
  const paging = usePaging(size);
  const { items, total, error } = usePagedList(loadPast, { page: paging.page, size: paging.size });
  if (!error && (!items || (items.length === 0 && paging.page === 0))) return null;
  return (
    <section aria-labelledby="history-heading">
      <Typography variant="h6" component="h2" id="history-heading" gutterBottom>{heading}</Typography>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <Stack spacing={2}>
        {(items ?? []).map((s) => (
          <SessionCard key={sessionId(s)} session={s} counterpart={counterpartOf(s)} now={now} showJoin={false} />
        ))}
      </Stack>
      <Pager paging={paging} total={total} rows={items} options={[10, 25, 50]} label="Per page" />
    </section>
  );
}
