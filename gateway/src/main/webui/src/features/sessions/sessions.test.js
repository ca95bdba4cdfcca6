import { describe, expect, it } from 'vitest';
import { canChange, canPay, isSimulatedPayment, isUpcoming, sessionId } from './sessions.js';

describe('session helpers', () => {
  it('reads either id field', () => {
    expect(sessionId({ id: 'a' })).toBe('a');
    expect(sessionId({ _id: 'b' })).toBe('b');
  });
  it('offers payment only for unpaid pending sessions', () => {
    expect(canPay({ status: 'Pending', paymentStatus: 'Pending' })).toBe(true);
    expect(canPay({ status: 'Pending', paymentStatus: 'Paid' })).toBe(false);
    expect(canPay({ status: 'Confirmed', paymentStatus: 'Paid' })).toBe(false);
  });
  it('lets pending and confirmed sessions be changed', () => {
    expect(canChange({ status: 'Confirmed' })).toBe(true);
    expect(canChange({ status: 'In Progress' })).toBe(false);
  });
  it('knows upcoming sessions', () => {
    expect(isUpcoming({ status: 'In Progress' })).toBe(true);
    expect(isUpcoming({ status: 'Completed' })).toBe(false);
  });
  it('detects a simulated payment from the session or the payment response', () => {
    expect(isSimulatedPayment({ simulatedPayment: true })).toBe(true);
    expect(isSimulatedPayment({}, { simulated: true })).toBe(true);
    expect(isSimulatedPayment({}, {})).toBe(false);
  });
});
