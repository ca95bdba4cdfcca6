import { useState } from 'react';
import {
  Alert, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, Typography,
} from '@mui/material';
import { useAuth } from '../auth/AuthContext.jsx';
import { Api, errorText } from '../../shared/api/client.js';
import { downloadJson } from './downloadJson.js';
import DeleteAccount from './DeleteAccount.jsx';

/**
 * The signed-in person's account: who they are, their data to download, signing out of every
 * device at once, and deleting the account.
 */
export default function ProfilePage() {
  const { user, logoutEverywhere } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(null);

  // One document from the server holds all of it (right of access, Data Protection Act); a part that
  // cannot be gathered makes it refuse, so a saved file is never silently incomplete.
  const downloadMyData = async () => {
    setExporting(true);
    setExportError(null);
    try {
      downloadJson(`smiling-steps-my-data-${new Date().toISOString().slice(0, 10)}.json`, await Api.myData());
    } catch (e) {
      setExportError(errorText(e));
    } finally {
      setExporting(false);
    }
  };

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
            <Typography variant="h6" component="h2">Your data</Typography>
            <Typography>
              Download everything the practice holds about you: your profile, sessions, payments and the emails we
              sent you, as one JSON file.
            </Typography>
            {exportError && <Alert severity="error" role="alert" data-testid="download-my-data-error">{exportError}</Alert>}
            <div>
              <Button variant="outlined" onClick={downloadMyData} disabled={exporting} data-testid="download-my-data">
                {exporting ? 'Preparing…' : 'Download my data'}
              </Button>
            </div>
          </Stack>
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
      <DeleteAccount />
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
