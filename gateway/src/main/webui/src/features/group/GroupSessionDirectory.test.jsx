// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import GroupSessionDirectory from './GroupSessionDirectory.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
const stress = { id: 'g1', title: 'Coping with exam stress', capacity: 4, seatsLeft: 3, sessionDate: tomorrow, price: 1500,
  psychologist: { id: 'psy-1', name: 'Dr Wanjiru Kamau' }, booked: false };
const grief = { id: 'g2', title: 'Grief circle', capacity: 3, seatsLeft: 1, sessionDate: tomorrow, price: 1200,
  psychologist: { id: 'psy-2', name: 'Dr Otieno Ouma' }, booked: true };

function directory(routes) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const server = fakeServer({ 'GET /api/group-sessions': () => [stress, grief], ...routes });
  const onBooked = vi.fn();
  render(<GroupSessionDirectory onBooked={onBooked} />);
  return { server, onBooked };
}

describe('GroupSessionDirectory', () => {
  it('lists open group sessions with the seats left and the price per seat', async () => {
    directory();
    const card = await screen.findByRole('article', { name: 'Coping with exam stress' });
    expect(within(card).getByText('3 of 4 seats left')).toBeInTheDocument();
    expect(within(card).getByText(/Dr Wanjiru Kamau/)).toHaveTextContent('KES 1500 per seat');
    const booked = screen.getByRole('article', { name: 'Grief circle' });
    expect(within(booked).getByText('You have a seat')).toBeInTheDocument();
    expect(within(booked).queryByRole('button')).not.toBeInTheDocument();
  });

  it('books a seat and tells the dashboard, which then offers the payment', async () => {
    let left = 3;
    const { server, onBooked } = directory({
      'GET /api/group-sessions': () => [{ ...stress, seatsLeft: left, booked: left < 3 }],
      'POST /api/group-sessions/g1/seats': () => { left = 2; return [201, { id: 'g1', status: 'Pending', capacity: 4, seats: [{ paymentStatus: 'Pending' }] }]; },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Book a seat in Coping with exam stress' }));
    expect(onBooked).toHaveBeenCalledWith(expect.objectContaining({ id: 'g1' }));
    expect(await screen.findByText('2 of 4 seats left')).toBeInTheDocument();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/api/group-sessions/g1/seats']);
  });

  it("shows the server's reason when the last seat went to someone else", async () => {
    const { onBooked } = directory({
      'POST /api/group-sessions/g1/seats': () => [409, problem(409, 'Group full', 'every seat of this group session is taken')],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Book a seat in Coping with exam stress' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('every seat of this group session is taken');
    expect(onBooked).not.toHaveBeenCalled();
  });

  it('shows nothing when no group session is open', async () => {
    const { server } = directory({ 'GET /api/group-sessions': () => [] });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    expect(screen.queryByRole('heading', { name: 'Group sessions' })).not.toBeInTheDocument();
  });
});
