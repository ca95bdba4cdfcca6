import { useCallback, useEffect, useState } from 'react';
import { Alert, Chip, TableCell, TableRow } from '@mui/material';
import { Api, asList } from '../../shared/api/client.js';
import { formatTimestamp } from '../../shared/format.js';
import { Pager, usePaging } from '../../shared/Pager.jsx';
import { DataTable, text } from './tables.jsx';

const COLUMNS = ['When', 'Service', 'Actor', 'Action', 'Resource', 'Outcome', 'Reason', 'Client IP'];

/** The audit log, newest first, a page at a time. */
export default function AuditTab() {
  const paging = usePaging(25);
  const { page, size } = paging;
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
    : typeof data?.totalElements === 'number' ? data.totalElements : null;
  return (
    <>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <DataTable label="Audit log" columns={COLUMNS} rows={data && rows} empty="No entries.">
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
      </DataTable>
      <Pager paging={paging} total={total} rows={rows} />
    </>
  );
}
