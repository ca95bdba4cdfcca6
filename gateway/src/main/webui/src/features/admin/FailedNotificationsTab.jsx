import { useEffect, useState } from 'react';
import {
  Alert, Table, TableBody, TableCell, TableHead, TableRow,
} from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { formatTimestamp } from '../../shared/format.js';
import { ScrollableTable, text } from './tables.jsx';

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
      <ScrollableTable label="Failed notifications">
        <Table size="small" aria-label="Failed notifications">
          <TableHead>
            <TableRow>
              <TableCell>Failed at</TableCell><TableCell>Kind</TableCell><TableCell>Session</TableCell>
              <TableCell>Attempts</TableCell><TableCell>Last error</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows ?? []).map((r, i) => (
              <TableRow key={r.id ?? i} data-testid="failed-notification-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(r.failedAt ?? r.updatedAt ?? r.createdAt)}</TableCell>
                <TableCell>{text(r.kind ?? r.type ?? r.template)}</TableCell>
                <TableCell>{text(r.sessionId)}</TableCell>
                <TableCell>{text(r.attempts)}</TableCell>
                <TableCell>{text(r.lastError ?? r.error)}</TableCell>
              </TableRow>
            ))}
            {rows && rows.length === 0 && <TableRow><TableCell colSpan={5}>No failed notifications.</TableCell></TableRow>}
          </TableBody>
        </Table>
      </ScrollableTable>
    </>
  );
}
