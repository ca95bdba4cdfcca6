import { useState } from 'react';
import {
  Alert, Box, Button, Chip, MenuItem, Snackbar, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TextField,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { formatDateTime } from '../../shared/format.js';
import { nairobiDayStart } from '../../shared/practiceTime.js';
import { usePagedList } from '../../shared/usePagedList.js';
import { isPaid } from '../sessions/joinWindow.js';
import { sessionId, statusColor } from '../sessions/sessions.js';
import { ScrollableTable, text } from './tables.jsx';

const STATUSES = ['Pending', 'Confirmed', 'In Progress', 'Completed', 'Cancelled', 'Expired'];
const PAYMENT_STATUSES = ['Pending', 'Processing', 'Paid', 'Failed'];
const NO_FILTERS = { status: '', paymentStatus: '', from: '', to: '' };

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
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const { items, total, error, reload } = usePagedList(loadSessions, sessionQuery(filters, page, size));
  const [toast, setToast] = useState(null);
  const filter = (key) => ({
    value: filters[key],
    onChange: (e) => { setFilters({ ...filters, [key]: e.target.value }); setPage(0); },
  });
  const confirm = async (s) => {
    try {
      await Api.confirmPayment(sessionId(s));
      setToast('Payment confirmed');
      reload();
    } catch (e) {
      setToast(e.detail || e.message);
    }
  };
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
        <Button onClick={() => { setFilters(NO_FILTERS); setPage(0); }} disabled={Object.values(filters).every((v) => !v)}>Clear filters</Button>
      </Box>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <ScrollableTable label="Sessions">
        <Table size="small" aria-label="Sessions">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell><TableCell>Client</TableCell><TableCell>Psychologist</TableCell>
              <TableCell>Type</TableCell><TableCell>Status</TableCell><TableCell>Payment</TableCell>
              <TableCell>Call</TableCell><TableCell><span className="visually-hidden">Actions</span></TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((s) => (
              <TableRow key={sessionId(s)} data-testid="admin-session-row" data-session-id={sessionId(s)}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.sessionDate)}</TableCell>
                <TableCell>{text(s.client)}</TableCell>
                <TableCell>{text(s.psychologist)}</TableCell>
                <TableCell>{s.sessionType}</TableCell>
                <TableCell><Chip size="small" label={s.status} color={statusColor(s.status)} /></TableCell>
                <TableCell>{s.paymentStatus}{s.simulatedPayment || s.paymentSimulated ? ' (simulated)' : ''}</TableCell>
                <TableCell>{s.callDuration != null ? `${s.callDuration} min` : '—'}</TableCell>
                <TableCell>
                  {!isPaid(s) && String(s.status).toLowerCase() === 'pending' && (
                    <Button size="small" onClick={() => confirm(s)} data-testid="admin-confirm-payment">Confirm payment</Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
            {items && rows.length === 0 && (
              <TableRow><TableCell colSpan={8}>No sessions.</TableCell></TableRow>
            )}
          </TableBody>
        </Table>
      </ScrollableTable>
      <TablePagination component="div" count={total ?? -1} page={page} rowsPerPage={size} rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
        data-testid="sessions-pagination" />
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}
