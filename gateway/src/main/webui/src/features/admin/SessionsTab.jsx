import { useState } from 'react';
import {
  Alert, Box, Button, Chip, MenuItem, TableCell, TableRow, TextField,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { formatDateTime } from '../../shared/format.js';
import { nairobiDayStart } from '../../shared/practiceTime.js';
import { usePagedList } from '../../shared/usePagedList.js';
import { useActionToast } from '../../shared/useActionToast.jsx';
import { isPaid } from '../sessions/joinWindow.js';
import { sessionId, statusColor, statusLabel } from '../sessions/sessions.js';
import { Pager, usePaging } from '../../shared/Pager.jsx';
import { ACTIONS, DataTable, text } from './tables.jsx';

const STATUSES = ['Pending', 'Confirmed', 'In Progress', 'Completed', 'Missed', 'NoShow', 'Cancelled', 'Expired'];
const PAYMENT_STATUSES = ['Pending', 'Processing', 'Paid', 'Failed'];
const NO_FILTERS = { status: '', paymentStatus: '', from: '', to: '' };
const COLUMNS = ['Date', 'Client', 'Psychologist', 'Type', 'Status', 'Payment', 'Call', ACTIONS];

/** The query of a page: the dates are whole Nairobi days, `to` included. */
export function sessionQuery(filters, page, size) {
  return {
    page, size, status: filters.status, paymentStatus: filters.paymentStatus,
    from: filters.from ? nairobiDayStart(filters.from) : '',
    to: filters.to ? nairobiDayStart(filters.to, 1) : '',
  };
}

const loadSessions = (params) => Api.sessionsPage(params);

/** Every session, newest first, a page at a time (total from X-Total-Count), filtered by status, payment and dates. */
export default function SessionsTab() {
  const [filters, setFilters] = useState(NO_FILTERS);
  const paging = usePaging(25);
  const { items, total, error, reload } = usePagedList(loadSessions, sessionQuery(filters, paging.page, paging.size));
  const { run, snackbar } = useActionToast(reload);
  const setFiltersFromFirstPage = (next) => { setFilters(next); paging.reset(); };
  const filter = (key) => ({ value: filters[key], onChange: (e) => setFiltersFromFirstPage({ ...filters, [key]: e.target.value }) });
  const confirm = (s) => run(() => Api.confirmPayment(sessionId(s)), 'Payment confirmed');
  const rows = items ?? [];
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }} role="search" aria-label="Filter sessions">
        <TextField select size="small" label="Status" sx={{ minWidth: 150 }} {...filter('status')}
          slotProps={{ htmlInput: { 'data-testid': 'sessions-filter-status' } }}>
          <MenuItem value="">Any status</MenuItem>
          {STATUSES.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
        </TextField>
        <TextField select size="small" label="Payment" sx={{ minWidth: 150 }} {...filter('paymentStatus')}
          slotProps={{ htmlInput: { 'data-testid': 'sessions-filter-payment' } }}>
          <MenuItem value="">Any payment</MenuItem>
          {PAYMENT_STATUSES.map((s) => <MenuItem key={s} value={s}>{s}</MenuItem>)}
        </TextField>
        <TextField type="date" size="small" label="From (Nairobi date)" {...filter('from')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sessions-filter-from' } }} />
        <TextField type="date" size="small" label="To (Nairobi date)" {...filter('to')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sessions-filter-to' } }} />
        <Button onClick={() => setFiltersFromFirstPage(NO_FILTERS)} disabled={Object.values(filters).every((v) => !v)}>Clear filters</Button>
      </Box>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <DataTable label="Sessions" columns={COLUMNS} rows={items} empty="No sessions.">
        {rows.map((s) => (
          <TableRow key={sessionId(s)} data-testid="admin-session-row" data-session-id={sessionId(s)}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.sessionDate)}</TableCell>
            <TableCell>{text(s.client)}</TableCell>
            <TableCell>{text(s.psychologist)}</TableCell>
            <TableCell>{s.sessionType}</TableCell>
            <TableCell><Chip size="small" label={statusLabel(s)} color={statusColor(s.status)} /></TableCell>
            <TableCell>{s.paymentStatus}{s.simulatedPayment || s.paymentSimulated ? ' (simulated)' : ''}</TableCell>
            <TableCell>{s.callDuration != null ? `${s.callDuration} min` : '—'}</TableCell>
            <TableCell>
              {!isPaid(s) && String(s.status).toLowerCase() === 'pending' && (
                <Button size="small" onClick={() => confirm(s)} data-testid="admin-confirm-payment">Confirm payment</Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Pager paging={paging} total={total} rows={rows} />
      {snackbar}
    </>
  );
}
