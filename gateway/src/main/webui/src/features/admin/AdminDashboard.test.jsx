// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import AdminDashboard from './AdminDashboard.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const sessions = [
  { id: 's1', status: 'Pending', paymentStatus: 'Pending', sessionDate: '2026-12-01T07:00:00Z', sessionType: 'individual', client: { name: 'Amani Otieno' }, psychologist: { name: 'Dr Wanjiru Kamau' } },
  { id: 's2', status: 'Completed', paymentStatus: 'Paid', sessionDate: '2026-11-20T07:00:00Z', sessionType: 'group', client: { name: 'Baraka Mwangi' }, psychologist: { name: 'Dr Otieno Ouma' }, callDuration: 48 },
];
const audit = {
  items: [{ eventId: 'e1', occurredAt: '2026-11-24T10:00:00Z', service: 'signaling-service', actorId: 'u-77', action: 'join-room', resource: 'session/s1', outcome: 'denied', reason: 'not a participant', clientIp: '203.0.113.9' }],
  total: 1,
};

function dashboard(routes) {
  signIn({ id: 'a1', name: 'Admin', role: 'admin' });
  const server = fakeServer({
    'GET /api/sessions': () => sessions,
    'GET /api/admin/audit': () => audit,
    'GET /api/admin/users': () => ({ items: [], page: 0, size: 25, total: 0 }),
    ...routes,
  });
  renderPage('/admin', { '/admin': <AdminDashboard /> });
  return server;
}

const row = (text) => screen.getAllByRole('row').find((r) => within(r).queryByText(text));

describe('AdminDashboard', () => {
  it('lists session metadata, with the call duration but nothing of the call itself', async () => {
    dashboard();
    expect(await screen.findByText('Amani Otieno')).toBeInTheDocument();
    expect(within(row('Baraka Mwangi')).getByText('48 min')).toBeInTheDocument();
    expect(screen.getByText('Admins see session metadata only; therapy calls are private to their participants.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Join/ })).not.toBeInTheDocument();
  });

  it('confirms a pending payment by hand, and only for an unpaid pending session', async () => {
    const server = dashboard({ 'POST /api/sessions/s1/payment/confirm': () => ({ ...sessions[0], status: 'Confirmed' }) });
    await screen.findByText('Amani Otieno');
    expect(within(row('Baraka Mwangi')).queryByRole('button', { name: 'Confirm payment' })).not.toBeInTheDocument();
    await userEvent.click(within(row('Amani Otieno')).getByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByText('Payment confirmed')).toBeInTheDocument();
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/sessions/s1/payment/confirm')).toBe(true);
  });

  it("shows the server's reason when a confirmation is refused", async () => {
    dashboard({ 'POST /api/sessions/s1/payment/confirm': () => [409, problem(409, 'Conflict', 'The session was cancelled before the payment arrived.')] });
    await userEvent.click(within(await screen.findByRole('row', { name: /Amani Otieno/ })).getByRole('button', { name: 'Confirm payment' }));
    expect(await screen.findByText('The session was cancelled before the payment arrived.')).toBeInTheDocument();
  });

  it('shows the audit log: who tried what, and the decision', async () => {
    dashboard();
    await userEvent.click(screen.getByRole('tab', { name: 'Audit log' }));
    const entry = await screen.findByRole('row', { name: /join-room/ });
    for (const text of ['signaling-service', 'u-77', 'session/s1', 'denied', 'not a participant', '203.0.113.9']) {
      expect(within(entry).getByText(text)).toBeInTheDocument();
    }
  });

  it('creates a psychologist account and says so; a refusal shows the reason', async () => {
    let calls = 0;
    const server = dashboard({
      'POST /api/admin/users': () => (++calls === 1
        ? [201, { id: 'u9' }]
        : [409, problem(409, 'Conflict', 'A user with this email already exists.')]),
    });
    await userEvent.click(screen.getByRole('tab', { name: 'Users' }));
    const fill = async () => {
      const type = (label, value) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
      type(/Full name/, 'Dr Achieng Odhiambo');
      type(/Email/, 'achieng@example.org');
      type(/Initial password/, 'Str0ng-pass-word');
      type(/Specialties/, 'Anxiety, Grief');
      await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    };
    await fill();
    expect(await screen.findByRole('status')).toHaveTextContent('Created psychologist Dr Achieng Odhiambo');
    expect(server.requests.find((r) => r.method === 'POST' && r.path === '/api/admin/users').body).toMatchObject({
      name: 'Dr Achieng Odhiambo', email: 'achieng@example.org', role: 'psychologist', specialties: ['Anxiety', 'Grief'],
    });
    await fill();
    expect(await screen.findByText('A user with this email already exists.')).toBeInTheDocument();
  });
});
