import { useEffect, useState } from 'react';
import { Alert, TableCell, TableRow } from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { formatTimestamp } from '../../shared/format.js';
import { DataTable, text } from './tables.jsx';

const COLUMNS = ['Failed at', 'Kind', 'Session', 'Attempts', 'Last error'];

/** Emails that notification-service gave up on, for the admin to follow up by hand. */
export default function FailedNotificationsTab() {
  const [rows, setRows] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    Api.failedNotifications().then((d) => setRows(asList(d))).catch((e) => setError(e.detail || e.message));
  }, []);
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <DataTable label="Failed notifications" columns={COLUMNS} rows={rows} empty="No failed notifications.">
        {(rows ?? []).map((r, i) => (
          <TableRow key={r.id ?? i} data-testid="failed-notification-row">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(r.failedAt ?? r.updatedAt ?? r.createdAt)}</TableCell>
            <TableCell>{text(r.kind ?? r.type ?? r.template)}</TableCell>
            <TableCell>{text(r.sessionId)}</TableCell>
            <TableCell>{text(r.attempts)}</TableCell>
            <TableCell>{text(r.lastError ?? r.error)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </>
  );
}
