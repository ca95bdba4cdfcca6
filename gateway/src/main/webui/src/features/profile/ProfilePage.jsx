import { useState } from 'react';
import {
  Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography,
} from '@mui/material';
import { useAuth } from '../auth/AuthContext.jsx';
import { errorText } from '../../shared/api/client.js';

/** The signed-in person's account: who they are, and signing out of every device at once. */
export default function ProfilePage() {
  const { user, logoutEverywhere } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const signOutEverywhere = async () => {
    setBusy(true);
    setError(null);
    try {
      await logoutEverywhere();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Stack spacing={3} sx={{ maxWidth: 640 }}>
      <Typography variant="h4" component="h1">Your account</Typography>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2">{user.name}</Typography>
          <Typography color="text.secondary">{user.email}</Typography>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="h6" component="h2">Signed-in devices</Typography>
            <Typography>
              Lost a phone, or signed in on a shared computer? Signing out everywhere ends every sign-in of this
              account, this one included. Anyone still holding a page open is signed out within 15 minutes.
            </Typography>
            {error && <Alert severity="error" role="alert" data-testid="sign-out-everywhere-error">{error}</Alert>}
            <div>
              <Button variant="outlined" color="warning" onClick={() => setConfirming(true)} data-testid="sign-out-everywhere">
                Sign out everywhere
              </Button>
            </div>
          </Stack>
        </CardContent>
      </Card>
      <Dialog open={confirming} onClose={() => !busy && setConfirming(false)} aria-labelledby="sign-out-everywhere-title">
        <DialogTitle id="sign-out-everywhere-title">Sign out on every device?</DialogTitle>
        <DialogContent>
          <DialogContentText>You will need your password to sign in again, here and everywhere else.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={busy}>Keep me signed in</Button>
          <Button color="warning" variant="contained" onClick={signOutEverywhere} disabled={busy} data-testid="confirm-sign-out-everywhere">
            Sign out everywhere
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
