// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import RescheduleDialog from './RescheduleDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const session = { id: 's1', status: 'Confirmed', sessionDate: '2026-12-01T07:00:00Z' };

function open() {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const onDone = vi.fn();
  render(<RescheduleDialog open session={session} onDone={onDone} onClose={vi.fn()} />);
  return onDone;
}

describe('RescheduleDialog', () => {
  it('moves the session to the time chosen', async () => {
    const server = fakeServer({ 'POST /api/sessions/s1/reschedule': (body) => ({ ...session, ...body }) });
    const onDone = open();
    const field = screen.getByLabelText(/New date and time/);
    expect(field.value).not.toBe('');
    fireEvent.change(field, { target: { value: '2026-12-02T10:30' } });
    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }));
    expect(onDone).toHaveBeenCalled();
    const sent = server.requests.find((r) => r.path === '/api/sessions/s1/reschedule').body.sessionDate;
    expect(new Date(sent).getTime()).toBe(new Date('2026-12-02T10:30').getTime());
  });

  it("shows the server's reason when the new time is refused", async () => {
    fakeServer({ 'POST /api/sessions/s1/reschedule': () => [409, problem(409, 'Conflict', 'A session can only be rescheduled until 24 hours before it starts.')] });
    const onDone = open();
    await userEvent.click(screen.getByRole('button', { name: 'Reschedule' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A session can only be rescheduled until 24 hours before it starts.');
    expect(onDone).not.toHaveBeenCalled();
  });
});
