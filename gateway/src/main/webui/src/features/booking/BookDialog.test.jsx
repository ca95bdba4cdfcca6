// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import BookDialog from './BookDialog.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';

const psychologist = { id: 'psy-1', name: 'Dr Wanjiru Kamau' };

function open(props = {}) {
  signIn({ id: 'c1', name: 'Amani', role: 'client' });
  const onBooked = vi.fn();
  const onClose = vi.fn();
  render(<BookDialog open psychologist={psychologist} onBooked={onBooked} onClose={onClose} {...props} />);
  return { onBooked, onClose };
}

describe('BookDialog', () => {
  it('books the psychologist shown in its title, a few minutes from now by default', async () => {
    const server = fakeServer({ 'POST /api/sessions': (body) => [201, { id: 's1', ...body, status: 'Pending' }] });
    const { onBooked } = open();
    expect(screen.getByRole('dialog', { name: 'Book a session with Dr Wanjiru Kamau' })).toBeInTheDocument();
    const proposed = new Date(screen.getByLabelText(/Date and time/).value).getTime();
    expect(proposed - Date.now()).toBeGreaterThan(3 * 60_000);
    expect(proposed - Date.now()).toBeLessThan(6 * 60_000);

    await userEvent.click(screen.getByRole('button', { name: 'Book session' }));

    expect(onBooked).toHaveBeenCalledWith(expect.objectContaining({ id: 's1' }));
    const sent = server.requests.find((r) => r.path === '/api/sessions');
    expect(sent.body).toMatchObject({ psychologistId: 'psy-1', sessionType: 'individual' });
    expect(sent.headers.Authorization).toBe('Bearer test-token');
  });

  it("shows the server's reason when the booking is refused, and stays open", async () => {
    fakeServer({ 'POST /api/sessions': () => [409, problem(409, 'Conflict', 'Dr Wanjiru Kamau already has a session at that time.')] });
    const { onBooked } = open();
    await userEvent.click(screen.getByRole('button', { name: 'Book session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dr Wanjiru Kamau already has a session at that time.');
    expect(onBooked).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('says when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    open();
    await userEvent.click(screen.getByRole('button', { name: 'Book session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached. Check your connection.');
  });

  it('can be cancelled without booking', async () => {
    const server = fakeServer({});
    const { onClose } = open();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(server.requests).toEqual([]);
  });
});
