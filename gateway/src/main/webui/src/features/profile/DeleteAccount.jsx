import { useState } from 'react';
import {
  Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField,
  Typography,
} from '@mui/material';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.jsx';
import { Api, errorText } from '../../shared/api/client.js';

/**
 * The right to erasure: the person deletes their own account after reading what it means and
 * giving their password; then they are signed out here and everywhere.
 */
export default function DeleteAccount() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const close = () => {
    if (busy) return;
    setOpen(false);
    setPassword('');
    setError(null);
  };

  const erase = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await Api.eraseMyAccount(password);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
      return;
    }
    // the page signs this tab out once it shows (signing out here would first bounce to the login page)
    navigate('/account-deleted', { replace: true, state: { signOut: true } });
  };

  const psychologist = user?.role === 'psychologist';
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">Delete my account</Typography>
          <Typography>
            Erases your name, email, phone, photo and password: you will not be able to sign in again.
            {psychologist
              ? ' Your upcoming sessions must first be moved to a colleague or cancelled by the practice.'
              : ' Your upcoming sessions are cancelled (and refunded as any cancellation of yours).'}
            {' '}Past sessions and payments stay in the practice&apos;s records without your name, email or phone.
            Download your data first if you want a copy.
          </Typography>
          <div>
            <Button variant="outlined" color="error" onClick={() => setOpen(true)} data-testid="delete-account">
              Delete my account
            </Button>
          </div>
        </Stack>
      </CardContent>
      <Dialog open={open} onClose={close} aria-labelledby="delete-account-title">
        <form onSubmit={erase}>
          <DialogTitle id="delete-account-title">Delete your account for good?</DialogTitle>
          <DialogContent>
            <Stack spacing={2}>
              <DialogContentText>
                This cannot be undone. Enter your password to confirm.
              </DialogContentText>
              {error && <Alert severity="error" role="alert" data-testid="delete-account-error">{error}</Alert>}
              <TextField label="Password" type="password" autoComplete="current-password" required autoFocus value={password}
                onChange={(e) => setPassword(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'delete-account-password' } }} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close} disabled={busy}>Keep my account</Button>
            <Button type="submit" color="error" variant="contained" disabled={busy || !password} data-testid="confirm-delete-account">
              {busy ? 'Deleting…' : 'Delete my account'}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </Card>
  );
}
