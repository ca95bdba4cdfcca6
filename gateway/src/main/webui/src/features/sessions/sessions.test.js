import { describe, expect, it } from 'vitest';
import {
  asClientView, canChange, canPay, isSimulatedPayment, isUpcoming, seatsSummary, sessionId, statusLabel,
} from './sessions.js';

describe('session helpers', () => {
  it('reads either id field', () => {
    expect(sessionId({ id: 'a' })).toBe('a');
    expect(sessionId({ _id: 'b' })).toBe('b');
  });
  it('offers payment only for unpaid pending sessions', () => {
    expect(canPay({ status: 'Pending', paymentStatus: 'Pending' })).toBe(true);
    expect(canPay({ status: 'Pending', paymentStatus: 'Paid' })).toBe(false);
    // a prompt is on the phone: a second Pay would be refused (409 payment-under-way)
    expect(canPay({ status: 'Pending', paymentStatus: 'Processing' })).toBe(false);
    expect(canPay({ status: 'Pending', paymentStatus: 'Failed' })).toBe(true);
    expect(canPay({ status: 'Confirmed', paymentStatus: 'Paid' })).toBe(false);
  });
  it("pays a group seat by the client's own seat, also once someone else confirmed the session", () => {
    const group = { status: 'Confirmed', paymentStatus: 'Paid', capacity: 3, seats: [{ paymentStatus: 'Pending', holdUntil: 'h' }] };
    const mine = asClientView(group);
    expect(mine.paymentStatus).toBe('Pending');
    expect(mine.holdUntil).toBe('h');
    expect(canPay(mine)).toBe(true);
    expect(canPay(asClientView({ ...group, seats: [{ paymentStatus: 'Paid' }] }))).toBe(false);
    expect(canPay({ status: 'Confirmed', paymentStatus: 'Pending' })).toBe(false);
    const individual = { status: 'Pending', paymentStatus: 'Pending' };
    expect(asClientView(individual)).toBe(individual);
  });
  it('shows a seat the client gave up read-only, with its refund, nothing to pay, change or join', () => {
    const group = {
      status: 'Confirmed', paymentStatus: 'Paid', capacity: 3, seats: [],
      givenUpSeats: [{ paymentStatus: 'Paid', refundStatus: 'Due', givenUpAt: 'g' }],
    };
    const mine = asClientView(group);
    expect(mine.status).toBe('Seat given up · refund due');
    expect(mine.givenUp).toBe(true);
    expect(isUpcoming(mine) || canChange(mine) || canPay(mine)).toBe(false);
    expect(asClientView({ ...group, givenUpSeats: [{ paymentStatus: 'Paid', refundStatus: 'Done' }] }).status)
      .toBe('Seat given up · refunded');
    expect(asClientView({ ...group, givenUpSeats: [{ paymentStatus: 'Paid' }] }).status).toBe('Seat given up');
  });
  it('says which side stayed away from a no-show, and shows other statuses as they are', () => {
    expect(statusLabel({ status: 'NoShow', noShowBy: 'client' })).toBe('NoShow (client absent)');
    expect(statusLabel({ status: 'NoShow', noShowBy: 'psychologist', capacity: 3 })).toBe('NoShow (psychologist absent)');
    expect(statusLabel({ status: 'NoShow', noShowBy: 'client', capacity: 3 })).toBe('NoShow (clients absent)');
    expect(statusLabel({ status: 'Missed' })).toBe('Missed');
    expect(statusLabel({ status: 'Completed', noShowBy: 'client' })).toBe('Completed');
  });

  it('counts the paid seats of a group', () => {
    expect(seatsSummary({ capacity: 4, seats: [{ paymentStatus: 'Paid' }, { paymentStatus: 'Pending' }] })).toBe('1 of 4 seats paid');
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
