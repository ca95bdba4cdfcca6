import { describe, expect, it } from 'vitest';
import { groupByDay, rateOf } from './weekSlots.js';

describe('week view of free slots', () => {
  it('groups slots into seven Nairobi days in time order and drops the rest', () => {
    const days = groupByDay([
      { start: '2026-03-02T08:00:00Z', end: '2026-03-02T09:00:00Z' },
      { start: '2026-03-02T06:00:00Z', end: '2026-03-02T07:00:00Z' },
      { start: '2026-03-01T22:00:00Z', end: '2026-03-01T23:00:00Z' },
      { start: '2026-03-20T06:00:00Z', end: '2026-03-20T07:00:00Z' },
    ], '2026-03-01T21:00:00Z');
    expect(days).toHaveLength(7);
    expect(days[0].date).toBe('2026-03-02');
    expect(days[0].slots.map((s) => s.label)).toEqual(['01:00', '09:00', '11:00']);
    expect(days.flatMap((d) => d.slots)).toHaveLength(3);
  });

  it('reads the rate of a session type', () => {
    expect(rateOf({ rates: { individual: 2500, group: null } }, 'individual')).toBe(2500);
    expect(rateOf({ rates: { individual: 2500, group: null } }, 'group')).toBeNull();
    expect(rateOf({}, 'individual')).toBeNull();
  });
});
