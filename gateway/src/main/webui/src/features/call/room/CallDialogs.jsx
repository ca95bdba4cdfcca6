import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';

export function ConnectionFailedDialog({ open, onRetry, onLeave }) {
  return (
    <Dialog open={open} aria-labelledby="failed-title" aria-describedby="failed-desc" data-testid="connection-failed-dialog">
      <DialogTitle id="failed-title">Connection failed</DialogTitle>
      <DialogContent>
        <DialogContentText id="failed-desc">Unable to connect to the call. Check your internet connection.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button color="error" onClick={onLeave} data-testid="connection-failed-leave">Leave call</Button>
        <Button variant="contained" onClick={onRetry} autoFocus data-testid="connection-failed-retry">Retry</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Wait or leave (the session stays open); the psychologist may also end the session. */
export function ParticipantLeftDialog({ open, name, onWait, onLeave, onEnd }) {
  return (
    <Dialog open={open} aria-labelledby="left-title" aria-describedby="left-desc" data-testid="participant-left-dialog">
      <DialogTitle id="left-title">Participant left</DialogTitle>
      <DialogContent>
        <DialogContentText id="left-desc">
          {name ?? 'The other participant'} has left the call. They can rejoin while the session is open.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        {onEnd && <Button color="error" onClick={onEnd} data-testid="participant-left-end">End session</Button>}
        <Button onClick={onLeave} data-testid="participant-left-leave">Leave call</Button>
        <Button variant="contained" onClick={onWait} autoFocus data-testid="participant-left-wait">Wait</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Ending completes the session for both: nobody can rejoin afterwards, so it is confirmed first. */
export function EndSessionDialog({ open, onCancel, onConfirm }) {
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="end-title" aria-describedby="end-desc" data-testid="end-session-dialog">
      <DialogTitle id="end-title">End the session?</DialogTitle>
      <DialogContent>
        <DialogContentText id="end-desc">
          This completes the session for both of you and nobody can rejoin. To step out and come back, leave the call instead.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus data-testid="end-session-cancel">Keep the session open</Button>
        <Button color="error" variant="contained" onClick={onConfirm} data-testid="end-session-confirm">End session</Button>
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
