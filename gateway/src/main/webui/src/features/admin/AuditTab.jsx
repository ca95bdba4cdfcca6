import { useCallback, useEffect, useState } from 'react';
import {
  Alert, Chip, Table, TableBody, TableCell, TableHead, TablePagination, TableRow,
} from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { formatTimestamp } from '../../shared/format.js';
import { ScrollableTable, text } from './tables.jsx';

/** The audit log, newest first, a page at a time. */
export default function AuditTab() {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const load = useCallback(async () => {
    try {
      setData(await Api.audit(page, size));
      setError(null);
    } catch (e) {
      setError(e.detail || e.message);
    }
  }, [page, size]);
  useEffect(() => { load(); }, [load]);
  const rows = asList(data);
  const total = typeof data?.total === 'number' ? data.total
    : typeof data?.totalElements === 'number' ? data.totalElements : -1;
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <ScrollableTable label="Audit log">
        <Table size="small" aria-label="Audit log">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell><TableCell>Service</TableCell><TableCell>Actor</TableCell><TableCell>Action</TableCell>
              <TableCell>Resource</TableCell><TableCell>Outcome</TableCell><TableCell>Reason</TableCell><TableCell>Client IP</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={r.eventId ?? r.id ?? i} data-testid="audit-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(r.occurredAt ?? r.timestamp ?? r.at)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{text(r.service ?? r.payload?.service)}</TableCell>
                <TableCell>{text(r.actorId ?? r.actor ?? r.payload?.actorId)}</TableCell>
                <TableCell>{text(r.action ?? r.payload?.action)}</TableCell>
                <TableCell>{text(r.resource ?? r.payload?.resource)}</TableCell>
                <TableCell>
                  <Chip size="small" label={text(r.outcome ?? r.payload?.outcome)}
                    color={String(r.outcome ?? r.payload?.outcome).toLowerCase() === 'allowed' ? 'success' : 'error'} />
                </TableCell>
                <TableCell>{text(r.reason ?? r.payload?.reason)}</TableCell>
                <TableCell>{text(r.clientIp ?? r.payload?.clientIp)}</TableCell>
              </TableRow>
            ))}
            {data && rows.length === 0 && <TableRow><TableCell colSpan={8}>No entries.</TableCell></TableRow>}
          </TableBody>
        </Table>
      </ScrollableTable>
      <TablePagination component="div" count={total} page={page} rowsPerPage={size} rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
        slotProps={{ actions: { nextButton: { disabled: total >= 0 ? (page + 1) * size >= total : rows.length < size } } }} />
    </>
  );
}
