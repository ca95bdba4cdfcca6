import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';

export function ConnectionFailedDialog({ open, onRetry, onEnd }) {
  return (
    <Dialog open={open} aria-labelledby="failed-title" aria-describedby="failed-desc" data-testid="connection-failed-dialog">
      <DialogTitle id="failed-title">Connection failed</DialogTitle>
      <DialogContent>
        <DialogContentText id="failed-desc">Unable to connect to the call. Check your internet connection.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onEnd} data-testid="connection-failed-end">End call</Button>
        <Button variant="contained" onClick={onRetry} autoFocus data-testid="connection-failed-retry">Retry</Button>
      </DialogActions>
    </Dialog>
  );
}

export function ParticipantLeftDialog({ open, name, onWait, onEnd }) {
  return (
    <Dialog open={open} aria-labelledby="left-title" aria-describedby="left-desc" data-testid="participant-left-dialog">
      <DialogTitle id="left-title">Participant left</DialogTitle>
      <DialogContent>
        <DialogContentText id="left-desc">{name ?? 'The other participant'} has left the call.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onEnd} data-testid="participant-left-end">End call</Button>
        <Button variant="contained" onClick={onWait} autoFocus data-testid="participant-left-wait">Wait</Button>
      </DialogActions>
    </Dialog>
  );
}

export function FatalDialog({ open, message, onLeave }) {
  return (
    <Dialog open={open} aria-labelledby="fatal-title" aria-describedby="fatal-desc" data-testid="call-fatal-dialog">
      <DialogTitle id="fatal-title">You are no longer in the call</DialogTitle>
      <DialogContent>
        <DialogContentText id="fatal-desc">{message}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onLeave} autoFocus data-testid="call-fatal-leave">Back to dashboard</Button>
      </DialogActions>
    </Dialog>
  );
}
