import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Button, MenuItem, Stack, TableCell, TableRow, TextField,
} from '@mui/material';
import { Api, asList, errorText } from '../../shared/api/client.js';
import { formatDateTime, formatTimestamp } from '../../shared/format.js';
import { ACTIONS, DataTable, text } from './tables.jsx';

const COLUMNS = ['Session', 'Client', 'Amount', 'Paid by', 'Why', 'Refund', ACTIONS];

/** Why the money goes back: the client gave their group seat up, or the session was cancelled (by whom). */
export function reason(refund) {
  if (refund.givenUpAt) return `Seat given up ${formatTimestamp(refund.givenUpAt)}`;
  if (refund.cancelledBy) return `Cancelled by ${refund.cancelledBy}`;
  return text(refund.sessionStatus);
}

/**
 * The refunds the practice owes, one row per client payment: a group's seats are refunded one by
 * one, so marking one client's refund made never hides another's. The refund itself is made in
 * the M-Pesa portal; this records it.
 */
export default function RefundsTab() {
  const [status, setStatus] = useState('Due');
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(null);

  const load = useCallback(() => {
    setError(null);
    return Api.refunds(status).then((d) => setRows(asList(d))).catch((e) => setError(errorText(e)));
  }, [status]);
  useEffect(() => { setRows(null); load(); }, [load]);

  const markDone = async (refund) => {
    setBusy(refund.donePath);
    setError(null);
    try {
      await Api.refundDone(refund.donePath);
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack spacing={2}>
      <TextField select label="Refunds" value={status} onChange={(e) => setStatus(e.target.value)} size="small" sx={{ maxWidth: 200 }}>
        <MenuItem value="Due">Due</MenuItem>
        <MenuItem value="Done">Done</MenuItem>
      </TextField>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <DataTable label="Refunds" columns={COLUMNS} rows={rows} empty={status === 'Due' ? 'No refunds due.' : 'No refunds made yet.'}>
        {(rows ?? []).map((r) => (
          <TableRow key={`${r.id}:${r.client?.id}:${r.givenUpAt ?? ''}`} data-testid="refund-row">
            <TableCell>
              {r.title ? `${r.title} (group)` : 'One-to-one'}
              <br />
              {formatDateTime(r.sessionDate)} · {text(r.psychologist)}
            </TableCell>
            <TableCell>{text(r.client)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>KES {text(r.amount)}</TableCell>
            <TableCell>{r.mpesaReceipt ? `M-Pesa ${r.mpesaReceipt}` : text(r.paymentMethod)}</TableCell>
            <TableCell>{reason(r)}</TableCell>
            <TableCell>{r.refundStatus === 'Done' ? `Done ${formatTimestamp(r.refundedAt)}` : 'Due'}</TableCell>
            <TableCell>
              {r.donePath && (
                <Button size="small" variant="outlined" disabled={busy !== null} onClick={() => markDone(r)}
                  aria-label={`Mark the refund to ${r.client?.name ?? 'the client'} done`}>
                  Mark refunded
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Stack>
  );
}
