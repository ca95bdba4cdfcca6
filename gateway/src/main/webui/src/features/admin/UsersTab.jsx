import { useState } from 'react';
import {
  Alert, Box, Button, Chip, MenuItem, Snackbar, Stack, Table, TableBody, TableCell, TableHead, TablePagination, TableRow,
  TextField, Typography,
} from '@mui/material';
import { Api, errorText } from '../../shared/api/client.js';
import { formatTimestamp } from '../../shared/format.js';
import { useDebounced, usePagedList } from '../../shared/usePagedList.js';
import CreateUserForm from './CreateUserForm.jsx';
import PsychologistSettingsDialog from './PsychologistSettingsDialog.jsx';
import { ScrollableTable } from './tables.jsx';

const loadUsers = (params) => Api.users(params);

/** Accounts a page at a time (search by name or email, filter by role); psychologists' rates and hours; new accounts. */
export default function UsersTab() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [role, setRole] = useState('');
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const { items, total, error, reload } = usePagedList(loadUsers, { q, role, page, size });
  const [settingUp, setSettingUp] = useState(null);
  const [toast, setToast] = useState(null);

  const toggle = async (user) => {
    if (!user.disabled && !window.confirm(`Disable ${user.name}? They can no longer sign in and their future sessions are cancelled with notice.`)) return;
    try {
      const answer = user.disabled ? await Api.enableUser(user.id) : await Api.disableUser(user.id);
      setToast(user.disabled ? `${user.name} can sign in again` : `${user.name} disabled; ${answer?.sessionsCancelled ?? 0} future session(s) cancelled`);
      reload();
    } catch (e) {
      setToast(errorText(e));
    }
  };
  const rows = items ?? [];
  return (
    <Stack spacing={4}>
      <section aria-labelledby="users-heading">
        <Typography variant="h6" component="h2" id="users-heading" gutterBottom>Users</Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }} role="search" aria-label="Find users">
          <TextField size="small" label="Search name or email" value={search}
            onChange={(e) => { setSearch(e.target.value); setPage(0); }}
            slotProps={{ htmlInput: { 'data-testid': 'users-search' } }} />
          <TextField select size="small" label="Role" value={role} sx={{ minWidth: 150 }}
            onChange={(e) => { setRole(e.target.value); setPage(0); }} slotProps={{ htmlInput: { 'data-testid': 'users-filter-role' } }}>
            <MenuItem value="">Any role</MenuItem>
            <MenuItem value="client">Client</MenuItem>
            <MenuItem value="psychologist">Psychologist</MenuItem>
            <MenuItem value="admin">Admin</MenuItem>
          </TextField>
        </Box>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        <ScrollableTable label="Users">
          <Table size="small" aria-label="Users">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell><TableCell>Email</TableCell><TableCell>Role</TableCell><TableCell>Account</TableCell>
                <TableCell>Created</TableCell><TableCell><span className="visually-hidden">Actions</span></TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((u) => (
                <TableRow key={u.id} data-testid="user-row" data-user-id={u.id}>
                  <TableCell>{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>{u.role}</TableCell>
                  <TableCell>{u.disabled ? <Chip size="small" color="error" label="Disabled" /> : 'Active'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{u.createdAt ? formatTimestamp(u.createdAt) : '—'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {u.role === 'psychologist' && (
                      <Button size="small" onClick={() => setSettingUp(u)} aria-label={`Rates and hours for ${u.name}`}
                        data-testid="user-rates-hours" data-user-id={u.id}>Rates and hours</Button>
                    )}
                    {u.role !== 'admin' && (
                      <Button size="small" color={u.disabled ? 'primary' : 'error'} onClick={() => toggle(u)}
                        aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}>{u.disabled ? 'Enable' : 'Disable'}</Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
              {items && rows.length === 0 && <TableRow><TableCell colSpan={6}>No users match.</TableCell></TableRow>}
            </TableBody>
          </Table>
        </ScrollableTable>
        <TablePagination component="div" count={total ?? -1} page={page} rowsPerPage={size} rowsPerPageOptions={[10, 25, 50, 100]}
          onPageChange={(_, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }} />
      </section>
      <section aria-labelledby="create-user-heading">
        <Typography variant="h6" component="h2" id="create-user-heading" gutterBottom>Create user</Typography>
        <CreateUserForm onCreated={reload} onSetUp={setSettingUp} />
      </section>
      <PsychologistSettingsDialog psychologist={settingUp} onClose={() => setSettingUp(null)} />
      <Snackbar open={Boolean(toast)} autoHideDuration={5000} onClose={() => setToast(null)} message={toast} />
    </Stack>
  );
}
