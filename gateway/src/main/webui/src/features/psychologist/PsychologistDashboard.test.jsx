// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import PsychologistDashboard from './PsychologistDashboard.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
const request = { id: 's1', status: 'Pending', paymentStatus: 'Pending', sessionDate: later, sessionType: 'individual', client: { name: 'Amani Otieno' } };
const accepted = { ...request, id: 's2', psychologistAccepted: true, client: { name: 'Baraka Mwangi' } };

function dashboard(routes) {
  signIn({ id: 'psy-1', name: 'Dr Wanjiru', role: 'psychologist' });
  const server = fakeServer({ 'GET /api/sessions': () => [request, accepted], ...routes });
  render(<MemoryRouter><PsychologistDashboard /></MemoryRouter>);
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
});
