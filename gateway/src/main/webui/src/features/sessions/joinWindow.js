// The join window of the plan's canJoinCall, tightened by design.md's access rules:
// from 15 minutes before to 120 minutes after sessionDate, only when paid and only while
// the session is Confirmed or In Progress; a call In Progress stays joinable (to rejoin after
// leaving) until it is ended or abandoned, even past the window. The server enforces the same
// rule when it issues a join ticket; the dashboard only mirrors it so the button is not offered in vain.

export const JOIN_OPENS_MINUTES_BEFORE = 15;
export const JOIN_CLOSES_MINUTES_AFTER = 120;

const PAID_STATES = new Set(['paid', 'confirmed', 'completed', 'success', 'succeeded']);
const JOINABLE_STATUSES = new Set(['confirmed', 'in progress']);

export function isPaid(session) {
  return PAID_STATES.has(String(session?.paymentStatus ?? '').toLowerCase());
}

export function joinWindow(sessionDate) {
  const start = new Date(sessionDate).getTime();
  return {
    opensAt: new Date(start - JOIN_OPENS_MINUTES_BEFORE * 60_000),
    closesAt: new Date(start + JOIN_CLOSES_MINUTES_AFTER * 60_000),
  };
}

/** Why the session cannot be joined now, or null when it can. */
export function joinBlocker(session, now = new Date()) {
  if (!session) return 'Unknown session';
  const status = String(session.status ?? '').toLowerCase();
  if (!JOINABLE_STATUSES.has(status)) {
    return status === 'pending' ? 'Awaiting payment' : `Session is ${session.status}`;
  }
  if (!isPaid(session)) return 'Awaiting payment';
  const date = new Date(session.sessionDate);
  if (Number.isNaN(date.getTime())) return 'Session has no valid date';
  const { opensAt, closesAt } = joinWindow(date);
  const t = now.getTime();
  if (t < opensAt.getTime()) return `Opens ${JOIN_OPENS_MINUTES_BEFORE} minutes before the session`;
  if (t > closesAt.getTime() && status !== 'in progress') return 'The join window has closed';
  return null;
}

export function canJoinCall(session, now = new Date()) {
  return joinBlocker(session, now) === null;
}
