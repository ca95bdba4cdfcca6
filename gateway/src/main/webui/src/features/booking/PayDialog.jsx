import { useEffect, useRef, useState } from 'react';
import {
  Alert, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography,
} from '@mui/material';
import { Api } from '../../shared/api/client.js';
import { isPaid } from '../sessions/joinWindow.js';
import { asClientView, isSimulatedPayment, sessionId } from '../sessions/sessions.js';

const POLL_MS = 2000;
const POLL_LIMIT_MS = 120_000;

/** M-Pesa STK push, then polls the session until the payment is confirmed. */
export default function PayDialog({ session, open, onClose, onPaid, defaultPhone }) {
  const [phone, setPhone] = useState(defaultPhone ?? '');
  const [stage, setStage] = useState('form');
  const [error, setError] = useState(null);
  const [simulated, setSimulated] = useState(false);
  const [serverMessage, setServerMessage] = useState(null);
  const timer = useRef(null);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (open) {
      setStage('form'); setError(null); setServerMessage(null); setSimulated(isSimulatedPayment(session));
      setPhone((p) => p || defaultPhone || '');
    }
  }, [open, session, defaultPhone]);

  const poll = (id, startedAt) => {
    timer.current = setTimeout(async () => {
      try {
        // a group seat is paid when the client's own seat is
        const s = asClientView(await Api.session(id));
        if (isSimulatedPayment(s)) setSimulated(true);
        if (isPaid(s)) {
          setStage('paid');
          onPaid?.(s);
          return;
        }
        if (String(s.paymentStatus).toLowerCase() === 'failed') {
          setStage('form');
          setError('The payment failed or was cancelled. You can try again.');
          return;
        }
      } catch (e) {
        setError(e.detail || e.message);
      }
      if (Date.now() - startedAt < POLL_LIMIT_MS) poll(id, startedAt);
      else { setStage('form'); setError('No confirmation yet. Check your phone and try again.'); }
    }, POLL_MS);
  };

  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    setStage('sending');
    try {
      const res = await Api.payMpesa(sessionId(session), phone.trim());
      if (isSimulatedPayment(res?.session ?? session, res)) setSimulated(true);
      setServerMessage(res?.customerMessage ?? null);
      setStage('waiting');
      poll(sessionId(session), Date.now());
    } catch (err) {
      setStage('form');
      setError(err.detail || err.message);
    }
  };

  const close = () => { clearTimeout(timer.current); onClose(); };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs" aria-labelledby="pay-title" data-testid="pay-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="pay-title">Pay with M-Pesa</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {simulated && (
              <Chip color="warning" label="Simulated M-Pesa (dev stack): no real money moves" data-testid="payment-simulated" />
            )}
            {error && <Alert severity="error" role="alert">{error}</Alert>}
            {stage === 'form' || stage === 'sending' ? (
              <>
                <Typography variant="body2">Amount: KES {session?.price ?? '—'}. You will get a prompt on your phone to approve.</Typography>
                <TextField label="M-Pesa phone number" type="tel" required autoFocus value={phone}
                  onChange={(e) => setPhone(e.target.value)} placeholder="2547XXXXXXXX"
                  slotProps={{ htmlInput: { 'data-testid': 'pay-phone' } }} />
              </>
            ) : stage === 'waiting' ? (
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} role="status" aria-live="polite" data-testid="payment-waiting">
                <CircularProgress size={24} aria-label="Waiting for confirmation" />
                <Typography>{serverMessage || (simulated
                  ? 'Simulated payment requested; it confirms by itself in a few seconds…'
                  : 'Approve the payment on your phone. Waiting for confirmation…')}</Typography>
              </Stack>
            ) : (
              <Alert severity="success" role="status" data-testid="payment-confirmed">
                Payment confirmed{simulated ? ' (simulated)' : ''}. Your session is booked.
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} data-testid="pay-close">{stage === 'paid' ? 'Done' : 'Close'}</Button>
          {(stage === 'form' || stage === 'sending') && (
            <Button type="submit" variant="contained" disabled={stage === 'sending' || !phone.trim()} data-testid="pay-submit">
              {stage === 'sending' ? 'Sending…' : 'Send payment request'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
