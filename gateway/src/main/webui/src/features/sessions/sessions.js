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

/** Pending sessions can be paid; cancel/reschedule are offered until the call starts. */
export function canPay(session) {
  return String(session?.status ?? '').toLowerCase() === 'pending'
    && !['paid', 'confirmed', 'completed'].includes(String(session?.paymentStatus ?? '').toLowerCase());
}

export function canChange(session) {
  return ['pending', 'confirmed'].includes(String(session?.status ?? '').toLowerCase());
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
