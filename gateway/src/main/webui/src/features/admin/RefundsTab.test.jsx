// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import RefundsTab from './RefundsTab.jsx';
import { fakeServer, problem, queryOf, signIn } from '../../shared/testing/fakeServer.js';

const GROUP = {
  id: 'g1', sessionType: 'group', title: 'Exam stress', sessionDate: '2026-12-10T07:00:00Z', sessionStatus: 'Confirmed',
  psychologist: { id: 'p1', name: 'Dr Achieng' }, amount: 1500, paymentMethod: 'mpesa',
};

/** The server's refunds: two clients who gave up seats of one group, and a one-to-one cancellation. */
function refundsServer() {
  const refunds = [
    { ...GROUP, client: { id: 'c1', name: 'Amina' }, mpesaReceipt: 'NLJ1', givenUpAt: '2026-11-20T08:00:00Z', refundStatus: 'Due',
      donePath: '/api/admin/refunds/g1/seats/c1/done' },
    { ...GROUP, client: { id: 'c2', name: 'Brian' }, mpesaReceipt: 'NLJ2', givenUpAt: '2026-11-21T08:00:00Z', refundStatus: 'Due',
      donePath: '/api/admin/refunds/g1/seats/c2/done' },
    { id: 's1', sessionType: 'individual', sessionDate: '2026-12-11T07:00:00Z', sessionStatus: 'Cancelled', cancelledBy: 'psychologist',
      psychologist: { id: 'p1', name: 'Dr Achieng' }, client: { id: 'c3', name: 'Carol' }, amount: 2500, paymentMethod: 'mpesa',
      mpesaReceipt: 'NLJ3', refundStatus: 'Due', donePath: '/api/admin/refunds/s1/done' },
  ];
  const done = (path) => {
    const refund = refunds.find((r) => r.donePath === path && r.refundStatus === 'Due');
    if (!refund) return [409, problem(409, 'Refund not due', 'this client has no refund due for this session')];
    Object.assign(refund, { refundStatus: 'Done', refundedAt: '2026-11-29T09:00:00Z', donePath: null });
    return [200, refund];
  };
  signIn({ id: 'a1', name: 'Admin', role: 'admin' });
  return fakeServer({
    'GET /api/admin/refunds': (_, url) => refunds.filter((r) => r.refundStatus === (queryOf(url).get('status') ?? 'Due')),
    'POST /api/admin/refunds/g1/seats/c1/done': () => done('/api/admin/refunds/g1/seats/c1/done'),
    'POST /api/admin/refunds/g1/seats/c2/done': () => done('/api/admin/refunds/g1/seats/c2/done'),
    'POST /api/admin/refunds/s1/done': () => done('/api/admin/refunds/s1/done'),
  });
}

const rowOf = (name) => screen.getAllByTestId('refund-row').find((row) => within(row).queryByText(name));

describe('RefundsTab', () => {
  it('lists one row per client payment and marks one group seat refunded without hiding the other', async () => {
    const server = refundsServer();
    render(<RefundsTab />);
    expect(await screen.findByText('Amina')).toBeInTheDocument();
    expect(screen.getAllByTestId('refund-row')).toHaveLength(3);
    expect(within(rowOf('Brian')).getByText(/Seat given up/)).toBeInTheDocument();
    expect(within(rowOf('Carol')).getByText('Cancelled by psychologist')).toBeInTheDocument();
    expect(within(rowOf('Amina')).getByText('M-Pesa NLJ1')).toBeInTheDocument();

    await userEvent.click(within(rowOf('Amina')).getByRole('button', { name: 'Mark the refund to Amina done' }));
    await waitFor(() => expect(screen.queryByText('Amina')).not.toBeInTheDocument());
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/admin/refunds/g1/seats/c1/done')).toBe(true);
    // Brian's refund of the same group is still owed
    expect(rowOf('Brian')).toBeDefined();
    expect(screen.getAllByTestId('refund-row')).toHaveLength(2);
  });

  it('lists the refunds made, with when, and nothing left to mark', async () => {
    const server = refundsServer();
    render(<RefundsTab />);
    await screen.findByText('Carol');
    await userEvent.click(within(rowOf('Carol')).getByRole('button', { name: 'Mark the refund to Carol done' }));
    await waitFor(() => expect(screen.queryByText('Carol')).not.toBeInTheDocument());
    await userEvent.click(screen.getByRole('combobox', { name: 'Refunds' }));
    await userEvent.click(within(screen.getByRole('listbox')).getByRole('option', { name: 'Done' }));
    expect(await screen.findByText('Carol')).toBeInTheDocument();
    expect(within(rowOf('Carol')).getByText(/^Done /)).toBeInTheDocument();
    expect(within(rowOf('Carol')).queryByRole('button')).toBeNull();
    expect(queryOf(server.fetch.mock.calls.at(-1)[0]).get('status')).toBe('Done');
  });

  it('says the server refused (another admin marked it first)', async () => {
    refundsServer();
    const { rerender } = render(<RefundsTab />);
    await screen.findByText('Amina');
    // another admin marks Amina's refund before this one clicks
    await fetch('/api/admin/refunds/g1/seats/c1/done', { method: 'POST' });
    rerender(<RefundsTab />);
    await userEvent.click(within(rowOf('Amina')).getByRole('button', { name: 'Mark the refund to Amina done' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('this client has no refund due for this session');
  });
});
