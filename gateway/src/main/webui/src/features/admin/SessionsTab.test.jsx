// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import SessionsTab, { sessionQuery } from './SessionsTab.jsx';
import { fakeServer, pageOf, queryOf, signIn } from '../../shared/testing/fakeServer.js';

/** 60 sessions, newest first, as the server pages them; filters echo back in what is asked. */
function sessionsServer() {
  const all = Array.from({ length: 60 }, (_, i) => ({
    id: `s${i}`, status: 'Confirmed', paymentStatus: 'Paid', sessionType: 'individual',
    sessionDate: new Date(Date.UTC(2026, 10, 1) - i * 3_600_000).toISOString(), client: { name: `Client ${i}` }, psychologist: { name: 'Dr A' },
  }));
  signIn({ id: 'a1', name: 'Admin', role: 'admin' });
  return fakeServer({
    // a bare array, the total in a header
    'GET /api/sessions': (_, url) => [200, pageOf(all, url).items, { 'X-Total-Count': String(all.length) }],
  });
}

const lastQuery = (server) => queryOf(server.fetch.mock.calls.at(-1)[0]);

describe('SessionsTab', () => {
  it('pages through every session with the total from X-Total-Count', async () => {
    const server = sessionsServer();
    render(<SessionsTab />);
    expect(await screen.findByText('Client 0')).toBeInTheDocument();
    expect(screen.getAllByTestId('admin-session-row')).toHaveLength(25);
    expect(screen.getByText('1–25 of 60')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(await screen.findByText('Client 25')).toBeInTheDocument();
    expect(lastQuery(server).get('page')).toBe('1');
    await userEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(await screen.findByText('Client 59')).toBeInTheDocument();
    expect(screen.getAllByTestId('admin-session-row')).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Go to next page' })).toBeDisabled();
  });

  it('filters by status, payment and Nairobi dates, starting again at the first page', async () => {
    const server = sessionsServer();
    render(<SessionsTab />);
    await screen.findByText('Client 0');
    await userEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    await screen.findByText('Client 25');
    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Cancelled' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Payment' }));
    await userEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Paid' }));
    fireEvent.change(screen.getByLabelText('From (Nairobi date)'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To (Nairobi date)'), { target: { value: '2026-11-30' } });
    await waitFor(() => expect(lastQuery(server).get('to')).toBe('2026-11-30T21:00:00.000Z'));
    const q = lastQuery(server);
    expect(Object.fromEntries(q)).toEqual({
      page: '0', size: '25', status: 'Cancelled', paymentStatus: 'Paid', from: '2026-10-31T21:00:00.000Z', to: '2026-11-30T21:00:00.000Z',
    });
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect([...lastQuery(server).keys()]).toEqual(['page', 'size']));
  });

  it('leaves empty filters out of the query', () => {
    expect(sessionQuery({ status: '', paymentStatus: '', from: '', to: '' }, 2, 10)).toMatchObject({ page: 2, size: 10, from: '', to: '' });
  });
});
