import { Paper, TableContainer } from '@mui/material';

/** A cell's text: '—' for nothing, a name or id for an object. */
export function text(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return value.name ?? value.id ?? JSON.stringify(value);
  return String(value);
}

/**
 * A wide table scrolls sideways; without a focusable cell keyboard users could not scroll it, so
 * the container itself takes focus (axe scrollable-region-focusable).
 */
export function ScrollableTable({ label, children }) {
  return (
    <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-label={label}>
      {children}
    </TableContainer>
  );
}
