import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from './backoff.js';

describe('reconnect backoff', () => {
  it('doubles from 500 ms and caps at 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffCeiling(50)).toBe(15000);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(3, undefined, () => 0)).toBe(2000);
    expect(backoffDelay(3, undefined, () => 0.999999)).toBe(4000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(2);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it('treats negative attempts as the first', () => {
    expect(backoffCeiling(-3)).toBe(500);
  });

  it('honours custom options', () => {
    expect(backoffCeiling(2, { baseMs: 100, maxMs: 1000, factor: 3 })).toBe(900);
    expect(backoffCeiling(3, { baseMs: 100, maxMs: 1000, factor: 3 })).toBe(1000);
  });
});
