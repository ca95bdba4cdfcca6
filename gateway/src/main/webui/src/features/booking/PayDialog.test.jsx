// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import PayDialog from './PayDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const session = { id: 's1', status: 'Pending', paymentStatus: 'Pending', price: 2500, sessionDate: '2026-12-01T07:00:00Z' };

function open() {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const onPaid = vi.fn();
  const onClose = vi.fn();
  render(<PayDialog open session={session} defaultPhone="254712345678" onPaid={onPaid} onClose={onClose} />);
  return { onPaid, onClose };
}

describe('PayDialog', () => {
  it('sends the STK push to the phone given and confirms once the session is paid', async () => {
    const server = fakeServer({
      'POST /api/sessions/s1/payment/mpesa': () => ({ customerMessage: 'Check your phone to approve KES 2500', simulated: true }),
      'GET /api/sessions/s1': () => ({ ...session, status: 'Confirmed', paymentStatus: 'Paid', simulatedPayment: true }),
    });
    const { onPaid } = open();
    expect(screen.getByText(/Amount: KES 2500/)).toBeInTheDocument();
    expect(screen.getByLabelText(/M-Pesa phone number/)).toHaveValue('254712345678');

    await userEvent.click(screen.getByRole('button', { name: 'Send payment request' }));

    expect(await screen.findByText('Check your phone to approve KES 2500')).toBeInTheDocument();
    expect(screen.getByText('Simulated M-Pesa (dev stack): no real money moves')).toBeInTheDocument();
    expect(await screen.findByText(/Payment confirmed \(simulated\)/, {}, { timeout: 6000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Done' })).toBeInTheDocument();
    expect(onPaid).toHaveBeenCalled();
    expect(server.requests.find((r) => r.method === 'POST').body).toEqual({ phone: '254712345678' });
  });

  it("shows the server's reason for a refused payment and lets the user correct the number", async () => {
    fakeServer({ 'POST /api/sessions/s1/payment/mpesa': () => [400, problem(400, 'Bad Request', 'phone must be a Kenyan number like 2547XXXXXXXX')] });
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Send payment request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('phone must be a Kenyan number like 2547XXXXXXXX');
    expect(screen.getByLabelText(/M-Pesa phone number/)).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Send payment request' })).toBeEnabled();
  });

  it('says so when the payment failed on the phone', async () => {
    fakeServer({
      'POST /api/sessions/s1/payment/mpesa': () => ({}),
      'GET /api/sessions/s1': () => ({ ...session, paymentStatus: 'Failed' }),
    });
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Send payment request' }));
    expect(await screen.findByRole('alert', {}, { timeout: 6000 })).toHaveTextContent('The payment failed or was cancelled. You can try again.');
  });

  it('cannot send without a phone number', async () => {
    fakeServer({});
    open();
    await userEvent.clear(screen.getByLabelText(/M-Pesa phone number/));
    expect(screen.getByRole('button', { name: 'Send payment request' })).toBeDisabled();
  });
});
