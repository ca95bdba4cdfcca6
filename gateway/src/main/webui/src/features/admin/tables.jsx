import {
  Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow,
} from '@mui/material';

/** A cell's text: '—' for nothing, a name or id for an object. */
export function text(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return value.name ?? value.id ?? JSON.stringify(value);
  return String(value);
}

/** A column without a visible heading (row actions), still named for screen readers. */
export const ACTIONS = <span className="visually-hidden">Actions</span>;

/**
 * An admin table: headings, the rows given as children, and `empty` once loaded with no rows. A
 * wide table scrolls sideways; without a focusable cell keyboard users could not scroll it, so the
 * container itself takes focus (axe scrollable-region-focusable).
 */
export function DataTable({ label, columns, rows, empty, children }) {
  return (
    <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-label={label}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>{columns.map((c, i) => <TableCell key={i}>{c}</TableCell>)}</TableRow>
        </TableHead>
        <TableBody>
          {children}
          {rows && rows.length === 0 && <TableRow><TableCell colSpan={columns.length}>{empty}</TableCell></TableRow>}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
