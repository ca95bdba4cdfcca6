import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Box, Button, Chip, MenuItem, Paper, Snackbar, Stack, Tab, Table, TableBody, TableCell, TableContainer,
  TableHead, TablePagination, TableRow, Tabs, TextField, Typography,
} from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { useSessions } from '../sessions/useSessions.js';
import { formatDateTime, formatTimestamp } from '../../shared/format.js';
import { isPaid } from '../sessions/joinWindow.js';
import { byDate, sessionId, statusColor } from '../sessions/sessions.js';

function text(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return value.name ?? value.id ?? JSON.stringify(value);
  return String(value);
}

function SessionsTab() {
  const { sessions, error, reload } = useSessions();
  const [toast, setToast] = useState(null);
  const confirm = async (s) => {
    try {
      await Api.confirmPayment(sessionId(s));
      setToast('Payment confirmed');
      reload();
    } catch (e) {
      setToast(e.detail || e.message);
    }
  };
  const rows = [...(sessions ?? [])].sort(byDate).reverse();
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
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
            {sessions && rows.length === 0 && (
              <TableRow><TableCell colSpan={8}>No sessions.</TableCell></TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}

function AuditTab() {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const load = useCallback(async () => {
    try {
      setData(await Api.audit(page, size));
      setError(null);
    } catch (e) {
      setError(e.detail || e.message);
    }
  }, [page, size]);
  useEffect(() => { load(); }, [load]);
  const rows = asList(data);
  const total = typeof data?.total === 'number' ? data.total
    : typeof data?.totalElements === 'number' ? data.totalElements : -1;
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Audit log">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell><TableCell>Service</TableCell><TableCell>Actor</TableCell><TableCell>Action</TableCell>
              <TableCell>Resource</TableCell><TableCell>Outcome</TableCell><TableCell>Reason</TableCell><TableCell>Client IP</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={r.eventId ?? r.id ?? i} data-testid="audit-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(r.occurredAt ?? r.timestamp ?? r.at)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{text(r.service ?? r.payload?.service)}</TableCell>
                <TableCell>{text(r.actorId ?? r.actor ?? r.payload?.actorId)}</TableCell>
                <TableCell>{text(r.action ?? r.payload?.action)}</TableCell>
                <TableCell>{text(r.resource ?? r.payload?.resource)}</TableCell>
                <TableCell>
                  <Chip size="small" label={text(r.outcome ?? r.payload?.outcome)}
                    color={String(r.outcome ?? r.payload?.outcome).toLowerCase() === 'allowed' ? 'success' : 'error'} />
                </TableCell>
                <TableCell>{text(r.reason ?? r.payload?.reason)}</TableCell>
                <TableCell>{text(r.clientIp ?? r.payload?.clientIp)}</TableCell>
              </TableRow>
            ))}
            {data && rows.length === 0 && <TableRow><TableCell colSpan={8}>No entries.</TableCell></TableRow>}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination component="div" count={total} page={page} rowsPerPage={size} rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
        slotProps={{ actions: { nextButton: { disabled: total >= 0 ? (page + 1) * size >= total : rows.length < size } } }} />
    </>
  );
}

function FailedNotificationsTab() {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    Api.failedNotifications().then((d) => setRows(asList(d))).catch((e) => setError(e.detail || e.message));
  }, []);
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Failed notifications">
          <TableHead>
            <TableRow>
              <TableCell>Failed at</TableCell><TableCell>Kind</TableCell><TableCell>Session</TableCell>
              <TableCell>Attempts</TableCell><TableCell>Last error</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows ?? []).map((r, i) => (
              <TableRow key={r.id ?? i} data-testid="failed-notification-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(r.failedAt ?? r.updatedAt ?? r.createdAt)}</TableCell>
                <TableCell>{text(r.kind ?? r.type ?? r.template)}</TableCell>
                <TableCell>{text(r.sessionId)}</TableCell>
                <TableCell>{text(r.attempts)}</TableCell>
                <TableCell>{text(r.lastError ?? r.error)}</TableCell>
              </TableRow>
            ))}
            {rows && rows.length === 0 && <TableRow><TableCell colSpan={5}>No failed notifications.</TableCell></TableRow>}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

function CreateUserTab() {
  const empty = { name: '', email: '', password: '', role: 'psychologist', specialties: '', bio: '' };
  const [form, setForm] = useState(empty);
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const field = (k) => ({ value: form[k], onChange: (e) => setForm({ ...form, [k]: e.target.value }) });
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { name: form.name.trim(), email: form.email.trim(), password: form.password, role: form.role };
      if (form.role === 'psychologist') {
        body.specialties = form.specialties.split(',').map((x) => x.trim()).filter(Boolean);
        if (form.bio.trim()) body.bio = form.bio.trim();
      }
      await Api.createUser(body);
      setResult({ ok: true, message: `Created ${form.role} ${form.name.trim()}` });
      setForm(empty);
    } catch (err) {
      setResult({ ok: false, message: err.detail || err.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2, maxWidth: 420 }}>
      {result && <Alert severity={result.ok ? 'success' : 'error'} role="status" data-testid="create-user-result">{result.message}</Alert>}
      <TextField label="Full name" required {...field('name')} slotProps={{ htmlInput: { 'data-testid': 'create-user-name' } }} />
      <TextField label="Email" type="email" required {...field('email')} slotProps={{ htmlInput: { 'data-testid': 'create-user-email' } }} />
      <TextField label="Initial password" type="password" required autoComplete="new-password" {...field('password')}
        slotProps={{ htmlInput: { 'data-testid': 'create-user-password' } }} />
      <TextField select label="Role" {...field('role')} slotProps={{ htmlInput: { 'data-testid': 'create-user-role' } }}>
        <MenuItem value="psychologist">Psychologist</MenuItem>
        <MenuItem value="admin">Admin</MenuItem>
      </TextField>
      {form.role === 'psychologist' && (
        <>
          <TextField label="Specialties (comma-separated)" {...field('specialties')} placeholder="Anxiety, Depression"
            slotProps={{ htmlInput: { 'data-testid': 'create-user-specialties' } }} />
          <TextField label="Short bio" multiline minRows={3} {...field('bio')}
            slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'create-user-bio' } }} />
        </>
      )}
      <Button type="submit" variant="contained" disabled={busy} data-testid="create-user-submit">Create user</Button>
    </Box>
  );
}

const TABS = [
  { id: 'sessions', label: 'Sessions', Component: SessionsTab },
  { id: 'audit', label: 'Audit log', Component: AuditTab },
  { id: 'failed', label: 'Failed notifications', Component: FailedNotificationsTab },
  { id: 'users', label: 'Create user', Component: CreateUserTab },
];

export default function AdminDashboard() {
  const [tab, setTab] = useState(0);
  const { Component } = TABS[tab];
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">Administration</Typography>
      <Typography variant="body2" color="text.secondary">Admins see session metadata only; therapy calls are private to their participants.</Typography>
      <Tabs value={tab} onChange={(_, v) => setTab(v)} variant="scrollable" allowScrollButtonsMobile aria-label="Admin sections">
        {TABS.map((t, i) => (
          <Tab key={t.id} label={t.label} id={`admin-tab-${t.id}`} aria-controls={`admin-panel-${t.id}`} data-testid={`admin-tab-${t.id}`} value={i} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`admin-panel-${TABS[tab].id}`} aria-labelledby={`admin-tab-${TABS[tab].id}`}>
        <Component />
      </Box>
    </Stack>
  );
}
