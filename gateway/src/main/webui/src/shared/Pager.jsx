import { useState } from 'react';
import { TablePagination } from '@mui/material';

/** Page and page size of a list the server pages; `reset()` goes back to the first page (a filter changed). */
export function usePaging(initialSize = 25) {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(initialSize);
  return { page, size, setPage, setSize, reset: () => setPage(0) };
}

/** The pager under a table; `total` null while unknown (the next button then stays on while pages are full). */
export function Pager({ paging, total, rows, options = [10, 25, 50, 100], label }) {
  const { page, size, setPage, setSize } = paging;
  const known = typeof total === 'number' && total >= 0;
  return (
    <TablePagination component="div" count={known ? total : -1} page={page} rowsPerPage={size} rowsPerPageOptions={options}
      labelRowsPerPage={label} onPageChange={(_, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
      slotProps={{ actions: { nextButton: { disabled: known ? (page + 1) * size >= total : (rows?.length ?? 0) < size } } }} />
  );
}
