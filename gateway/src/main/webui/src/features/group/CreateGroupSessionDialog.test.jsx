// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CreateGroupSessionDialog, { practiceInstant } from './CreateGroupSessionDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

function open(routes) {
  signIn({ id: 'psy-1', name: 'Dr Wanjiru Kamau', role: 'psychologist' });
  const server = fakeServer(routes);
  const onCreated = vi.fn();
  render(<CreateGroupSessionDialog open onClose={() => {}} onCreated={onCreated} />);
  return { server, onCreated };
}

async function fill(title, when) {
  await userEvent.type(screen.getByLabelText(/Title/), title);
  fireEvent.change(screen.getByLabelText(/Date and time/), { target: { value: when } });
}

describe('CreateGroupSessionDialog', () => {
  it('reads the time on the practice clock (EAT), whatever the browser zone', () => {
    expect(practiceInstant('2026-12-01T10:00')).toBe('2026-12-01T07:00:00.000Z');
  });

  it('sends the title, the seats and the time, never a price', async () => {
    const { server, onCreated } = open({
      'POST /api/group-sessions': (body) => [201, { id: 'g1', ...body, price: 1500 }],
    });
    await fill('  Coping with exam stress ', '2026-12-01T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(server.requests[0].body).toEqual({ title: 'Coping with exam stress', capacity: 4, sessionDate: '2026-12-01T07:00:00.000Z' });
  });

  it("sends the psychologist's id when an admin opens one for them", async () => {
    signIn({ id: 'a1', name: 'Admin', role: 'admin' });
    const server = fakeServer({ 'POST /api/group-sessions': (body) => [201, { id: 'g2', ...body, price: 1500 }] });
    const onCreated = vi.fn();
    render(<CreateGroupSessionDialog open onClose={() => {}} onCreated={onCreated} psychologist={{ id: 'psy-9', name: 'Dr Otieno' }} />);
    expect(screen.getByRole('dialog', { name: 'New group session: Dr Otieno' })).toBeInTheDocument();
    await fill('Grief circle', '2026-12-02T16:30');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(server.requests[0].body).toEqual({
      title: 'Grief circle', capacity: 4, sessionDate: '2026-12-02T13:30:00.000Z', psychologistId: 'psy-9',
    });
  });

  it("shows the server's reason when the time is not free", async () => {
    const { onCreated } = open({
      'POST /api/group-sessions': () => [409, problem(409, 'Slot taken', 'that time is no longer free')],
    });
    await fill('Grief circle', '2026-12-01T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('that time is no longer free');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
