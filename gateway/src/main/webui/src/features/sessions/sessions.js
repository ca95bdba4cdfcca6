// Helpers over the session shape of GET /api/sessions.

export function sessionId(session) {
  return session?.id ?? session?._id ?? null;
}

export function isSimulatedPayment(session, paymentResponse) {
  return Boolean(
    paymentResponse?.simulated || paymentResponse?.simulatedPayment
    || session?.simulatedPayment || session?.paymentSimulated || session?.simulated || session?.payment?.simulated,
  );
}

const ACTIVE = new Set(['pending', 'confirmed', 'in progress']);

export function isUpcoming(session) {
  return ACTIVE.has(String(session?.status ?? '').toLowerCase());
}

export function byDate(a, b) {
  return new Date(a.sessionDate).getTime() - new Date(b.sessionDate).getTime();
}

/** A group session (it has seats and a capacity) rather than a one-to-one one. */
export function isGroup(session) {
  return session?.capacity != null;
}

/**
 * A group session as its client sees it: their payment is their own seat's (the session's
 * paymentStatus says only that someone paid). The server lists a client's own seat only.
 */
export function asClientView(session) {
  const seat = isGroup(session) ? session.seats?.[0] : null;
  if (seat) return { ...session, paymentStatus: seat.paymentStatus, holdUntil: seat.holdUntil };
  // no seat but one given up: read-only, among the past ones, nothing to join, pay or give up
  const givenUp = isGroup(session) ? session.givenUpSeats?.at(-1) : null;
  if (!givenUp) return session;
  const refund = { Due: ' · refund due', Done: ' · refunded' }[givenUp.refundStatus] ?? '';
  return { ...session, status: `Seat given up${refund}`, paymentStatus: givenUp.paymentStatus, givenUp: true };
}

/**
 * Pending sessions (and an open group's unpaid seat) can be paid, except while a prompt is on the
 * phone (Processing: the server refuses a second one); cancel/reschedule are offered until the call starts.
 */
export function canPay(session) {
  const status = String(session?.status ?? '').toLowerCase();
  return (status === 'pending' || (isGroup(session) && status === 'confirmed'))
    && !['paid', 'processing', 'confirmed', 'completed'].includes(String(session?.paymentStatus ?? '').toLowerCase());
}

/** "Coping with stress · 2 of 3 seats paid", for the psychologist's card of a group session. */
export function seatsSummary(session) {
  const paid = (session?.seats ?? []).filter((seat) => String(seat.paymentStatus).toLowerCase() === 'paid').length;
  return `${paid} of ${session?.capacity} seats paid`;
}

/** Paid (a group session as its client sees it: their own seat paid). */
export function isPaid(session) {
  return String(session?.paymentStatus ?? '').toLowerCase() === 'paid';
}

export function canChange(session) {
  return ['pending', 'confirmed'].includes(String(session?.status ?? '').toLowerCase());
}

/** The status as shown: a no-show says which side stayed away (`noShowBy`). */
export function statusLabel(session) {
  const by = session?.noShowBy;
  if (session?.status !== 'NoShow' || !['client', 'psychologist'].includes(by)) return session?.status;
  return `NoShow (${by === 'client' && isGroup(session) ? 'clients' : by} absent)`;
}

export function statusColor(status) {
  switch (String(status ?? '').toLowerCase()) {
    case 'confirmed': return 'success';
    case 'in progress': return 'info';
    case 'completed': return 'default';
    case 'cancelled':
    case 'missed':
    case 'noshow': return 'error';
    default: return 'warning';
  }
}
