import { describe, expect, it } from 'vitest';
import { canJoinCall, joinBlocker, isPaid } from './joinWindow.js';

const at = '2026-11-24T14:00:00.000Z';
const session = (over = {}) => ({ sessionDate: at, status: 'Confirmed', paymentStatus: 'Paid', ...over });
const minutes = (m) => new Date(new Date(at).getTime() + m * 60_000);

describe('canJoinCall', () => {
  it('opens exactly 15 minutes before the session', () => {
    expect(canJoinCall(session(), minutes(-15))).toBe(true);
    expect(canJoinCall(session(), minutes(-15.02))).toBe(false);
  });

  it('closes exactly 120 minutes after the session', () => {
    expect(canJoinCall(session(), minutes(120))).toBe(true);
    expect(canJoinCall(session(), minutes(120.02))).toBe(false);
  });

  it('stays open past the window while the call is In Progress, so a participant who left can rejoin', () => {
    expect(canJoinCall(session({ status: 'In Progress' }), minutes(200))).toBe(true);
    expect(joinBlocker(session({ status: 'NoShow' }), minutes(200))).toBe('Session is NoShow');
  });

  it('is open at the start time and during the call', () => {
    expect(canJoinCall(session(), minutes(0))).toBe(true);
    expect(canJoinCall(session({ status: 'In Progress' }), minutes(45))).toBe(true);
  });

  it('requires payment', () => {
    expect(canJoinCall(session({ paymentStatus: 'Pending' }), minutes(0))).toBe(false);
    expect(joinBlocker(session({ paymentStatus: 'Pending' }), minutes(0))).toBe('Awaiting payment');
    expect(canJoinCall(session({ paymentStatus: 'confirmed' }), minutes(0))).toBe(true);
  });

  it('refuses pending, cancelled and completed sessions', () => {
    expect(canJoinCall(session({ status: 'Pending' }), minutes(0))).toBe(false);
    expect(canJoinCall(session({ status: 'Cancelled' }), minutes(0))).toBe(false);
    expect(joinBlocker(session({ status: 'Completed' }), minutes(0))).toBe('Session is Completed');
  });

  it('says why before the window', () => {
    expect(joinBlocker(session(), minutes(-60))).toMatch(/15 minutes before/);
    expect(joinBlocker(session(), minutes(500))).toMatch(/closed/);
  });

  it('rejects a session without a valid date', () => {
    expect(canJoinCall(session({ sessionDate: 'not a date' }), minutes(0))).toBe(false);
  });

  it('recognises paid states case-insensitively', () => {
    expect(isPaid({ paymentStatus: 'PAID' })).toBe(true);
    expect(isPaid({ paymentStatus: 'Failed' })).toBe(false);
    expect(isPaid({})).toBe(false);
  });
});
