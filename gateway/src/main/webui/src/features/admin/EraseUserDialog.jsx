import { useEffect, useRef, useState } from 'react';
import {
  Alert, AlertTitle, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';

/** What the admin should do about each refusal of the server (problem type slug → advice). */
const REFUSALS = {
  'psychologist-has-upcoming-sessions': {
    title: 'This psychologist still has upcoming sessions',
    advice: 'Move them to a colleague or cancel them (the clients are told), then erase the account.',
  },
  'last-admin': {
    title: 'This is the practice\'s only admin',
    advice: 'Create another admin account first: the practice cannot be run without one.',
  },
};

function refusalOf(e) {
  const slug = e?.problem?.type?.split('/').pop();
  return { ...(REFUSALS[slug] ?? { title: 'The account was not erased' }), detail: e?.detail || e?.message || String(e) };
}

/**
 * Erasing an account on the person's request (right to erasure), from the admin's users list. The
 * reason goes into the audit log, which is kept for years: it says how and when they asked, never
 * who they are. The server's refusals (upcoming sessions, the last admin) stay in the dialog with
 * what to do about them.
 */
export default function EraseUserDialog({ user, onClose, onErased }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState(null);
  const reasonInput = useRef(null);
  useEffect(() => {
    setReason('');
    setRefusal(null);
  }, [user?.id]);

  const erase = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await Api.eraseUser(user.id, reason.trim());
      onErased(user);
    } catch (e) {
      setRefusal(refusalOf(e));
      // the disabled button dropped the focus: back into the dialog, so Escape and typing reach it
      reasonInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={Boolean(user)} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="erase-user-title"
      data-testid="erase-user-dialog">
      <DialogTitle id="erase-user-title">Erase {user?.name}&apos;s account?</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Only when the person has asked for it. Their profile, email address, phone number, photo and sign-ins are
          removed for good and their future sessions are cancelled with notice; past sessions and payments are kept
          with their name replaced. This cannot be undone.
        </DialogContentText>
        {refusal && (
          <Alert severity="error" role="alert" data-testid="erase-user-refused" sx={{ mb: 2 }}>
            <AlertTitle>{refusal.title}</AlertTitle>
            {refusal.detail}
            {refusal.advice && <div>{refusal.advice}</div>}
          </Alert>
        )}
        <TextField label="Reason" required fullWidth multiline minRows={2} value={reason}
          onChange={(e) => setReason(e.target.value)} autoFocus inputRef={reasonInput}
          helperText="How and when they asked, e.g. “asked by email on 28 Nov”. Do not name the person or write their email or phone: the reason is kept in the audit log."
          slotProps={{ htmlInput: { maxLength: 300, 'data-testid': 'erase-user-reason' } }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep the account</Button>
        <Button color="error" variant="contained" onClick={erase} disabled={busy || !reason.trim()}
          data-testid="erase-user-confirm">
          {busy ? 'Erasing…' : 'Erase account'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
