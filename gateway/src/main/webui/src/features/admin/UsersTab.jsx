import { useState } from 'react';
import {
  Alert, Box, Button, Chip, MenuItem, Stack, TableCell, TableRow, TextField, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { useActionToast } from '../../shared/useActionToast.jsx';
import { formatTimestamp } from '../../shared/format.js';
import { useDebounced, usePagedList } from '../../shared/usePagedList.js';
import CreateUserForm from './CreateUserForm.jsx';
import PsychologistSettingsDialog from './PsychologistSettingsDialog.jsx';
import EraseUserDialog from './EraseUserDialog.jsx';
import CreateGroupSessionDialog from '../group/CreateGroupSessionDialog.jsx';
import { useAuth } from '../auth/AuthContext.jsx';
import { Pager, usePaging } from '../../shared/Pager.jsx';
import { ACTIONS, DataTable } from './tables.jsx';

const loadUsers = (params) => Api.users(params);
const COLUMNS = ['Name', 'Email', 'Role', 'Account', 'Created', ACTIONS];

/**
 * Accounts a page at a time (search by name or email, filter by role); psychologists' rates and
 * hours, and group sessions opened for them; new accounts; erasing an account on its owner's request (not one's own: that is Delete my account).
 */
export default function UsersTab() {
  const { user: me } = useAuth();
  const [erasing, setErasing] = useState(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [role, setRole] = useState('');
  const paging = usePaging(25);
  const { items, total, error, reload } = usePagedList(loadUsers, { q, role, page: paging.page, size: paging.size });
  const [settingUp, setSettingUp] = useState(null);
  const [openingGroup, setOpeningGroup] = useState(null);
  const { run, setToast, snackbar } = useActionToast(reload);
  const erased = (user) => {
    setErasing(null);
    setToast(`${user.name}'s account has been erased`);
    reload();
  };

  const toggle = (user) => {
    if (user.disabled) {
      run(() => Api.enableUser(user.id), `${user.name} can sign in again`);
    } else if (window.confirm(`Disable ${user.name}? They can no longer sign in and their future sessions are cancelled with notice.`)) {
      run(() => Api.disableUser(user.id), (answer) => `${user.name} disabled; ${answer?.sessionsCancelled ?? 0} future session(s) cancelled`);
    }
  };
  // a lost phone or a suspected break-in: every device of the account has to sign in again
  const signOut = (user) => {
    if (window.confirm(`Sign ${user.name} out on every device? They can sign in again with their password.`)) {
      run(() => Api.revokeSignIns(user.id), (answer) => `${user.name} signed out of ${answer?.signInsRevoked ?? 0} device(s)`);
    }
  };
  const rows = items ?? [];
  return (
    <Stack spacing={4}>
      <section aria-labelledby="users-heading">
        <Typography variant="h6" component="h2" id="users-heading" gutterBottom>Users</Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }} role="search" aria-label="Find users">
          <TextField size="small" label="Search name or email" value={search}
            onChange={(e) => { setSearch(e.target.value); paging.reset(); }}
            slotProps={{ htmlInput: { 'data-testid': 'users-search' } }} />
          <TextField select size="small" label="Role" value={role} sx={{ minWidth: 150 }}
            onChange={(e) => { setRole(e.target.value); paging.reset(); }} slotProps={{ htmlInput: { 'data-testid': 'users-filter-role' } }}>
            <MenuItem value="">Any role</MenuItem>
            <MenuItem value="client">Client</MenuItem>
            <MenuItem value="psychologist">Psychologist</MenuItem>
            <MenuItem value="admin">Admin</MenuItem>
          </TextField>
        </Box>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        <DataTable label="Users" columns={COLUMNS} rows={items} empty="No users match.">
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
                {u.role === 'psychologist' && !u.disabled && (
                  <Button size="small" onClick={() => setOpeningGroup(u)} aria-label={`Open a group session for ${u.name}`}
                    data-testid="user-open-group" data-user-id={u.id}>Group session</Button>
                )}
                <Button size="small" onClick={() => signOut(u)} aria-label={`Sign out ${u.name} everywhere`}>Sign out</Button>
                {u.role !== 'admin' && (
                  <Button size="small" color={u.disabled ? 'primary' : 'error'} onClick={() => toggle(u)}
                    aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}>{u.disabled ? 'Enable' : 'Disable'}</Button>
                )}
                {u.id !== me?.id && (
                  <Button size="small" color="error" onClick={() => setErasing(u)} aria-label={`Erase ${u.name}`}
                    data-testid="user-erase" data-user-id={u.id}>Erase</Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
        <Pager paging={paging} total={total} rows={rows} />
      </section>
      <section aria-labelledby="create-user-heading">
        <Typography variant="h6" component="h2" id="create-user-heading" gutterBottom>Create user</Typography>
        <CreateUserForm onCreated={reload} onSetUp={setSettingUp} />
      </section>
      <PsychologistSettingsDialog psychologist={settingUp} onClose={() => setSettingUp(null)} />
      <EraseUserDialog user={erasing} onClose={() => setErasing(null)} onErased={erased} />
      <CreateGroupSessionDialog open={Boolean(openingGroup)} psychologist={openingGroup} onClose={() => setOpeningGroup(null)}
        onCreated={(session) => { setToast(`Group session “${session.title}” opened for ${openingGroup.name}`); setOpeningGroup(null); }} />
      {snackbar}
    </Stack>
  );
}
