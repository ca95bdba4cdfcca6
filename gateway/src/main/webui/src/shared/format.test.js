import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatTimestamp, summaryMinutes, toLocalInputValue } from './format.js';

describe('formatting', () => {
  it('formats the call timer', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(3723)).toBe('01:02:03');
  });
  it('prefers the server duration for the summary', () => {
    expect(summaryMinutes(45, 10)).toBe(45);
    expect(summaryMinutes(0, 600)).toBe(0);
    expect(summaryMinutes(undefined, 150)).toBe(3);
    expect(summaryMinutes('x', 59)).toBe(1);
  });
  it('keeps unparseable timestamps as given', () => {
    expect(formatTimestamp('n/a')).toBe('n/a');
    expect(formatTimestamp('2026-11-24T11:27:05Z')).toMatch(/:05(\D|$)/);
  });
  it('shows session times on the Nairobi clock, whatever the browser zone', () => {
    expect(formatDateTime('2026-11-29T06:00:00Z')).toBe('Sun, 29 Nov 2026, 09:00 EAT');
    expect(formatDateTime('soon')).toBe('soon');
  });
  it('formats datetime-local values', () => {
    expect(toLocalInputValue(new Date(2026, 0, 5, 9, 7))).toBe('2026-01-05T09:07');
  });
});
