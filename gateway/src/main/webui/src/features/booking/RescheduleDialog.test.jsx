// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import RescheduleDialog from './RescheduleDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const session = { id: 's1', status: 'Confirmed', sessionDate: '2026-12-01T07:00:00Z', psychologist: { id: 'psy-1', name: 'Dr Wanjiru' } };
const tomorrow = new Date(Date.now() + 86_400_000);
tomorrow.setUTCMinutes(0, 0, 0);
const free = tomorrow.toISOString();

function open(routes) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const server = fakeServer({
    'GET /api/psychologists/psy-1/availability': () => ({ slots: [{ start: free, end: free }], timeZone: 'Africa/Nairobi' }),
    ...routes,
  });
  const onDone = vi.fn();
  render(<RescheduleDialog open session={session} onDone={onDone} onClose={vi.fn()} />);
  return { server, onDone };
}

const pickTheFreeSlot = async () => userEvent.click(await within(screen.getByRole('dialog')).findByRole('button', { name: /^\d\d:\d\d$/ }));

describe('RescheduleDialog', () => {
  it("moves the session to a free slot of its psychologist's week, in Nairobi time", async () => {
    const { server, onDone } = open({ 'POST /api/sessions/s1/reschedule': (body) => ({ ...session, ...body }) });
    expect(screen.getByText('Now: Tue, 1 Dec 2026, 10:00 EAT. Choose a new time:')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reschedule' })).toBeDisabled();
    await pickTheFreeSlot();
    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }));
    expect(onDone).toHaveBeenCalled();
    expect(server.requests.find((r) => r.path === '/api/sessions/s1/reschedule').body).toEqual({ sessionDate: free });
  });

  it("shows the server's reason when the new time is refused", async () => {
    const { onDone } = open({ 'POST /api/sessions/s1/reschedule': () => [409, problem(409, 'Conflict', 'A session can only be rescheduled until 24 hours before it starts.')] });
    await pickTheFreeSlot();
    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A session can only be rescheduled until 24 hours before it starts.');
    expect(onDone).not.toHaveBeenCalled();
  });
});
