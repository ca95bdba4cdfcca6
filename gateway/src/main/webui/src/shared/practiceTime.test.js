import { describe, expect, it } from 'vitest';
import { nairobiDate, nairobiDateTime, nairobiDayStart, nairobiTime } from './practiceTime.js';

describe('the practice clock (Africa/Nairobi)', () => {
  it('labels times in Nairobi (UTC+3), not the browser zone', () => {
    expect(nairobiTime('2026-03-02T06:00:00Z')).toBe('09:00');
    // 22:30 UTC on Sunday is already Monday in Nairobi
    expect(nairobiDate('2026-03-01T22:30:00Z')).toBe('2026-03-02');
    expect(nairobiDateTime('2026-03-02T06:00:00Z')).toBe('Mon 2 Mar, 09:00');
  });

  it('starts a Nairobi day at 21:00 UTC the day before', () => {
    expect(nairobiDayStart('2026-03-02')).toBe('2026-03-01T21:00:00.000Z');
    expect(nairobiDayStart('2026-03-02', 1)).toBe('2026-03-02T21:00:00.000Z');
  });
});
