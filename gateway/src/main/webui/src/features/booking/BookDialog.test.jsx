// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import BookDialog from './BookDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const psychologist = { id: 'psy-1', name: 'Dr Wanjiru Kamau', rates: { individual: 2500, group: 1500 } };
const AVAILABILITY = 'GET /api/psychologists/psy-1/availability';
const DAY = 86_400_000;

/** Two free slots tomorrow at 09:00 and 10:10 Nairobi time (06:00 and 07:10 UTC). */
function tomorrowSlots() {
  const day = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  return [
    { start: `${day}T06:00:00Z`, end: `${day}T07:00:00Z` },
    { start: `${day}T07:10:00Z`, end: `${day}T08:10:00Z` },
  ];
}

function open(routes, props = {}) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const server = fakeServer({ [AVAILABILITY]: () => ({ slots: tomorrowSlots(), timeZone: 'Africa/Nairobi' }), ...routes });
  const onBooked = vi.fn();
  const onClose = vi.fn();
  render(<BookDialog open psychologist={psychologist} onBooked={onBooked} onClose={onClose} {...props} />);
  return { server, onBooked, onClose };
}

describe('BookDialog', () => {
  it("offers the week's free slots in Nairobi time at the psychologist's rate and books the one chosen", async () => {
    const { server, onBooked } = open({ 'POST /api/sessions': (body) => [201, { id: 's1', ...body, status: 'Pending' }] });
    expect(screen.getByRole('dialog', { name: 'Book a session with Dr Wanjiru Kamau' })).toBeInTheDocument();
    expect(screen.getByText('One-to-one session · KES 2500')).toBeInTheDocument();
    expect(screen.getByText(/Nairobi time/)).toBeInTheDocument();
    const nine = await screen.findByRole('button', { name: '09:00' });
    expect(screen.getByRole('button', { name: '10:10' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Book session' })).toBeDisabled();

    await userEvent.click(nine);
    await userEvent.click(screen.getByRole('button', { name: 'Book session' }));

    expect(onBooked).toHaveBeenCalledWith(expect.objectContaining({ id: 's1' }));
    const sent = server.requests.find((r) => r.method === 'POST' && r.path === '/api/sessions');
    expect(sent.body).toEqual({ psychologistId: 'psy-1', sessionDate: tomorrowSlots()[0].start, sessionType: 'individual' });
    expect(sent.headers.Authorization).toBe('Bearer test-token');
  });

  it("shows the server's reason when the slot was taken meanwhile, and stays open", async () => {
    const { onBooked } = open({ 'POST /api/sessions': () => [409, problem(409, 'Conflict', 'the psychologist already has a session at this time')] });
    await userEvent.click(await screen.findByRole('button', { name: '10:10' }));
    await userEvent.click(screen.getByRole('button', { name: 'Book session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the psychologist already has a session at this time');
    expect(onBooked).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('pages to the next week and asks the server for it', async () => {
    const { server } = open({});
    await screen.findByRole('button', { name: '09:00' });
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    const asked = server.requests.filter((r) => r.path === '/api/psychologists/psy-1/availability');
    expect(asked).toHaveLength(2);
    const firstFrom = new Date(new URL(server.fetch.mock.calls[0][0], 'http://localhost').searchParams.get('from'));
    const secondFrom = new Date(new URL(server.fetch.mock.calls[1][0], 'http://localhost').searchParams.get('from'));
    expect(secondFrom - firstFrom).toBe(7 * DAY);
  });

  it('cannot book with a psychologist who has no one-to-one rate', async () => {
    open({}, { psychologist: { ...psychologist, rates: { individual: null, group: 1500 } } });
    await userEvent.click(await screen.findByRole('button', { name: '09:00' }));
    expect(screen.getByText(/no rate for one-to-one sessions/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Book session' })).toBeDisabled();
  });

  it('can be cancelled without booking', async () => {
    const { server, onClose } = open({});
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
