// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import ClientDashboard from './ClientDashboard.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const inFiveMinutes = new Date(Date.now() + 5 * 60_000).toISOString();
const psychologists = [
  { id: 'psy-1', name: 'Dr Wanjiru Kamau', specialties: ['Anxiety', 'Depression'], bio: 'Ten years with young adults.', rates: { individual: 2500, group: 1500 } },
  { id: 'psy-2', name: 'Dr Otieno Ouma', specialties: ['Family'] },
];
const unpaid = { id: 's1', status: 'Pending', paymentStatus: 'Pending', sessionDate: inAnHour, sessionType: 'individual', price: 2500, psychologist: { name: 'Dr Wanjiru Kamau' } };
const paid = { id: 's2', status: 'Confirmed', paymentStatus: 'Paid', sessionDate: inFiveMinutes, sessionType: 'individual', psychologist: { name: 'Dr Otieno Ouma' } };

function dashboard(routes) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const server = fakeServer({
    'GET /api/psychologists': () => psychologists,
    'GET /api/users/me': () => ({ id: 'c1', phone: '254700000001' }),
    'GET /api/sessions': () => [unpaid, paid],
    'GET /api/group-sessions': () => [],
    ...routes,
  });
  render(<MemoryRouter><ClientDashboard /></MemoryRouter>);
  return server;
}

/** A session card is an article named after the psychologist (the directory's cards are not named). */
const card = (name) => screen.getByRole('article', { name });

describe('ClientDashboard', () => {
  it('offers every psychologist with a Book session button named after them', async () => {
    dashboard();
    const button = await screen.findByRole('button', { name: 'Book session with Dr Wanjiru Kamau' });
    expect(button).toHaveTextContent('Book session');
    expect(screen.getByRole('button', { name: 'Book session with Dr Otieno Ouma' })).toBeInTheDocument();
    expect(screen.getByText('Ten years with young adults.')).toBeInTheDocument();
  });

  it('lets an unpaid session be paid but not joined, and a paid one in its window be joined', async () => {
    dashboard();
    await screen.findByRole('article', { name: 'Dr Otieno Ouma' });
    const unpaidCard = card('Dr Wanjiru Kamau');
    expect(within(unpaidCard).getByRole('button', { name: 'Join Video Call' })).toBeDisabled();
    expect(within(unpaidCard).getByText('Awaiting payment')).toBeInTheDocument();
    expect(within(unpaidCard).getByRole('button', { name: 'Pay with M-Pesa' })).toBeEnabled();
    const paidCard = card('Dr Otieno Ouma');
    expect(within(paidCard).getByRole('button', { name: 'Join Video Call' })).toBeEnabled();
    expect(within(paidCard).queryByRole('button', { name: 'Pay with M-Pesa' })).not.toBeInTheDocument();
  });

  it('opens the booking dialog for the psychologist chosen and shows the new session after booking', async () => {
    let sessions = [paid];
    const server = dashboard({
      'GET /api/sessions': () => sessions,
      'POST /api/sessions': (body) => { sessions = [paid, { ...unpaid, id: 's3' }]; return [201, { id: 's3', ...body }]; },
      'GET /api/psychologists/psy-1/availability': () => ({ slots: [{ start: inAnHour, end: inAnHour }], timeZone: 'Africa/Nairobi' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Book session with Dr Wanjiru Kamau' }));
    const dialog = screen.getByRole('dialog', { name: 'Book a session with Dr Wanjiru Kamau' });
    await userEvent.click(await within(dialog).findByRole('button', { name: /^\d\d:\d\d$/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Book session' }));
    expect(await screen.findByText('Session booked. Pay with M-Pesa to confirm it.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Pay with M-Pesa' })).toBeInTheDocument();
    // the directory asks again: the psychologist's next free slot moved
    await waitFor(() => expect(server.requests.filter((r) => r.path === '/api/psychologists')).toHaveLength(2));
  });

  it('opens the pay dialog with the phone given at registration', async () => {
    dashboard();
    await screen.findByRole('article', { name: 'Dr Otieno Ouma' });
    await userEvent.click(within(card('Dr Wanjiru Kamau')).getByRole('button', { name: 'Pay with M-Pesa' }));
    const dialog = screen.getByRole('dialog', { name: 'Pay with M-Pesa' });
    expect(within(dialog).getByLabelText(/M-Pesa phone number/)).toHaveValue('254700000001');
  });

  it("offers a group seat's payment by the client's own seat, and giving it up instead of rescheduling", async () => {
    const group = {
      id: 'g1', title: 'Coping with exam stress', capacity: 4, status: 'Confirmed', paymentStatus: 'Paid', sessionType: 'group',
      sessionDate: inAnHour, price: 1500, psychologist: { name: 'Dr Wanjiru Kamau' }, seats: [{ client: { id: 'c1' }, paymentStatus: 'Pending' }],
    };
    dashboard({ 'GET /api/sessions': () => [group] });
    const groupCard = await screen.findByRole('article', { name: 'Coping with exam stress' });
    expect(within(groupCard).getByText(/Group therapy with Dr Wanjiru Kamau/)).toBeInTheDocument();
    expect(within(groupCard).getByText('Payment: Pending')).toBeInTheDocument();
    expect(within(groupCard).getByRole('button', { name: 'Join Video Call' })).toBeDisabled();
    expect(within(groupCard).getByRole('button', { name: 'Pay with M-Pesa' })).toBeEnabled();
    expect(within(groupCard).getByRole('button', { name: 'Give up my seat' })).toBeEnabled();
    expect(within(groupCard).queryByRole('button', { name: 'Reschedule' })).not.toBeInTheDocument();
  });

  it('gives up a paid group seat only after a confirmation that speaks of the refund, and shows a refusal', async () => {
    const group = {
      id: 'g2', title: 'Grief circle', capacity: 3, status: 'Confirmed', paymentStatus: 'Paid', sessionType: 'group',
      sessionDate: inAnHour, price: 1500, psychologist: { name: 'Dr Wanjiru Kamau' }, seats: [{ client: { id: 'c1' }, paymentStatus: 'Paid' }],
    };
    let refuse = false;
    const server = dashboard({
      'GET /api/sessions': () => [group],
      'POST /api/sessions/g2/cancel': () => (refuse
        ? [409, problem(409, 'Conflict', 'a session that is In Progress can no longer be changed')]
        : { ...group, seats: [] }),
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const groupCard = await screen.findByRole('article', { name: 'Grief circle' });
    expect(within(groupCard).queryByRole('button', { name: 'Pay with M-Pesa' })).not.toBeInTheDocument();
    await userEvent.click(within(groupCard).getByRole('button', { name: 'Give up my seat' }));
    expect(confirm.mock.calls[0][0]).toMatch(/paid seat.*refunded/s);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    confirm.mockReturnValue(true);
    await userEvent.click(within(groupCard).getByRole('button', { name: 'Give up my seat' }));
    expect(await screen.findByText('Seat given up')).toBeInTheDocument();
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/sessions/g2/cancel')).toHaveLength(1);

    refuse = true;
    await userEvent.click(within(await screen.findByRole('article', { name: 'Grief circle' })).getByRole('button', { name: 'Give up my seat' }));
    expect(await screen.findByText(/can no longer be changed/)).toBeInTheDocument();
    confirm.mockRestore();
  });

  it("shows the server's reason when the sessions cannot be loaded", async () => {
    dashboard({ 'GET /api/sessions': () => [503, problem(503, 'Service Unavailable', 'The session service is restarting; try again in a minute.')] });
    expect(await screen.findByRole('alert')).toHaveTextContent('The session service is restarting; try again in a minute.');
  });
});
