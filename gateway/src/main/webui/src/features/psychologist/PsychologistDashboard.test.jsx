// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import PsychologistDashboard from './PsychologistDashboard.jsx';
import { fakeServer, pageOf, problem, queryOf, signIn } from '../../shared/testing/fakeServer.js';

const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
const request = { id: 's1', status: 'Pending', paymentStatus: 'Pending', sessionDate: later, sessionType: 'individual', client: { name: 'Amani Otieno' } };
const accepted = { ...request, id: 's2', psychologistAccepted: true, client: { name: 'Baraka Mwangi' } };
const history = Array.from({ length: 12 }, (_, i) => ({
  id: `h${i}`, status: 'Completed', paymentStatus: 'Paid', sessionType: 'individual', callDuration: 50,
  sessionDate: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(), client: { name: `Past Client ${i}` },
}));

function dashboard(routes) {
  signIn({ id: 'psy-1', name: 'Dr Wanjiru', role: 'psychologist' });
  const server = fakeServer({
    'GET /api/sessions': (_, url) => (queryOf(url).get('scope') === 'past'
      ? [200, pageOf(history, url).items, { 'X-Total-Count': String(history.length) }] : [request, accepted]),
    'GET /api/psychologists/psy-1/working-hours': () => ({ hours: { weekly: { monday: [{ start: '09:00', end: '17:00' }] }, timeOff: [] } }),
    ...routes,
  });
  render(<MemoryRouter><PsychologistDashboard psychologistId="psy-1" /></MemoryRouter>);
  return server;
}

const card = (name) => screen.getByRole('article', { name });

describe('PsychologistDashboard', () => {
  it('asks to accept or decline a new booking, and shows one already accepted', async () => {
    dashboard();
    await screen.findByRole('heading', { name: 'Amani Otieno' });
    expect(within(card('Amani Otieno')).getByRole('button', { name: 'Accept' })).toBeInTheDocument();
    expect(within(card('Amani Otieno')).getByRole('button', { name: 'Decline' })).toBeInTheDocument();
    expect(within(card('Baraka Mwangi')).queryByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
    expect(within(card('Baraka Mwangi')).getByText('Accepted')).toBeInTheDocument();
  });

  it('opens a group session from the schedule and shows it by title with the seats paid', async () => {
    const group = {
      id: 'g1', title: 'Grief circle', capacity: 3, status: 'Confirmed', paymentStatus: 'Paid', sessionType: 'group', psychologistAccepted: true,
      sessionDate: later, seats: [{ client: { id: 'c1', name: 'A' }, paymentStatus: 'Paid' }, { client: { id: 'c2', name: 'B' }, paymentStatus: 'Pending' }],
    };
    const server = dashboard({
      'GET /api/sessions': (_, url) => (queryOf(url).get('scope') === 'past' ? [200, [], { 'X-Total-Count': '0' }] : [group]),
      'POST /api/group-sessions': (body) => [201, { id: 'g2', ...body }],
    });
    const groupCard = await screen.findByRole('article', { name: 'Grief circle' });
    expect(within(groupCard).getByText('1 of 3 seats paid')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'New group session' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group session' });
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Exam stress');
    fireEvent.change(within(dialog).getByLabelText(/Date and time/), { target: { value: '2026-12-01T10:00' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Group session created: clients can book its seats now.')).toBeInTheDocument();
    expect(server.requests.find((r) => r.method === 'POST').body)
      .toEqual({ title: 'Exam stress', capacity: 4, sessionDate: '2026-12-01T07:00:00.000Z' });
  });

  it('accepts a booking', async () => {
    const server = dashboard({ 'POST /api/sessions/s1/accept': () => ({ ...request, psychologistAccepted: true }) });
    await userEvent.click(within(await screen.findByRole('article', { name: 'Amani Otieno' })).getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Session accepted')).toBeInTheDocument();
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/sessions/s1/accept')).toBe(true);
  });

  it('declines only after confirming, and shows a refusal from the server', async () => {
    vi.stubGlobal('confirm', vi.fn(() => true));
    dashboard({ 'POST /api/sessions/s1/decline': () => [409, problem(409, 'Conflict', 'The session has already started.')] });
    await userEvent.click(within(await screen.findByRole('article', { name: 'Amani Otieno' })).getByRole('button', { name: 'Decline' }));
    expect(window.confirm).toHaveBeenCalled();
    expect(await screen.findByText('The session has already started.')).toBeInTheDocument();
  });

  it('tells a psychologist without working hours that clients cannot book yet, and takes them to the hours page', async () => {
    const server = dashboard({
      'GET /api/psychologists/psy-1/working-hours': () => ({ hours: { weekly: {}, timeOff: [] }, timeZone: 'Africa/Nairobi' }),
      'PUT /api/psychologists/psy-1/working-hours': (body) => ({ hours: body }),
    });
    expect(await screen.findByTestId('no-working-hours')).toHaveTextContent('Clients cannot book you yet');
    await userEvent.click(screen.getByRole('button', { name: 'Set working hours' }));
    expect(screen.getByRole('tab', { name: 'Working hours' })).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(await screen.findByRole('button', { name: 'Add hours on Monday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save working hours' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Working hours saved');
    expect(server.requests.find((r) => r.method === 'PUT').body.weekly).toEqual({ monday: [{ start: '09:00', end: '17:00' }] });
  });

  it('says nothing about hours when some are set', async () => {
    const server = dashboard();
    await screen.findByRole('heading', { name: 'Amani Otieno' });
    await waitFor(() => expect(server.requests.some((r) => r.path === '/api/psychologists/psy-1/working-hours')).toBe(true));
    await new Promise((resolve) => { setTimeout(resolve, 50); });
    expect(screen.queryByTestId('no-working-hours')).not.toBeInTheDocument();
  });

  it('lists upcoming sessions first and pages through the history from the server', async () => {
    const server = dashboard();
    await screen.findByRole('heading', { name: 'Amani Otieno' });
    const historySection = await screen.findByRole('region', { name: 'History' });
    expect(await within(historySection).findByRole('heading', { name: 'Past Client 0' })).toBeInTheDocument();
    expect(within(historySection).getAllByTestId('session-card')).toHaveLength(10);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings.indexOf('Amani Otieno')).toBeLessThan(headings.indexOf('Past Client 0'));
    await userEvent.click(within(historySection).getByRole('button', { name: 'Go to next page' }));
    expect(await within(historySection).findByRole('heading', { name: 'Past Client 11' })).toBeInTheDocument();
    const asked = server.fetch.mock.calls.map(([url]) => Object.fromEntries(queryOf(url)));
    expect(asked).toContainEqual({ page: '1', size: '10', scope: 'past' });
  });
});
