// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import UsersTab from './UsersTab.jsx';
import { fakeServer, pageOf, problem, queryOf, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const people = Array.from({ length: 30 }, (_, i) => ({
  id: `u${i}`, name: i === 0 ? 'Dr Wanjiru Kamau' : `Client ${String(i).padStart(2, '0')}`, email: `u${i}@example.org`,
  role: i === 0 ? 'psychologist' : 'client', disabled: false, createdAt: '2026-11-01T07:00:00Z',
}));

function usersServer(routes) {
  signIn({ id: 'a1', name: 'Admin', role: 'admin' });
  return fakeServer({
    'GET /api/admin/users': (_, url) => {
      const text = (queryOf(url).get('q') ?? '').toLowerCase();
      return pageOf(people.filter((u) => !text || u.name.toLowerCase().includes(text) || u.email.includes(text)), url);
    },
    'GET /api/psychologists/u0/working-hours': () => ({ hours: { weekly: {}, timeOff: [] }, timeZone: 'Africa/Nairobi' }),
    'PUT /api/psychologists/u0/working-hours': (body) => ({ hours: body }),
    'GET /api/admin/psychologists/u0/rates': () => ({ individual: null, group: null }),
    ...routes,
  });
}

/** session-service's 409 for an erasure it refuses (ErasureRules). */
const refusal = (slug, detail) => ({ ...problem(409, 'Conflict', detail), type: `https://smilingsteps.local/problems/${slug}` });

const requestsTo = (server, method, path) => server.requests.filter((r) => r.method === method && r.path === path);

describe('UsersTab', () => {
  it('pages through accounts and searches by name or email', async () => {
    const server = usersServer();
    renderPage('/admin', { '/admin': <UsersTab /> });
    expect(await screen.findByText('Dr Wanjiru Kamau')).toBeInTheDocument();
    expect(screen.getAllByTestId('user-row')).toHaveLength(25);
    expect(screen.getByText('1–25 of 30')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(await screen.findByText('Client 29')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search name or email'), { target: { value: 'wanjiru ' } });
    await waitFor(() => expect(Object.fromEntries(queryOf(server.fetch.mock.calls.at(-1)[0])))
      .toEqual({ q: 'wanjiru', page: '0', size: '25' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1));
    expect(screen.getByText('Dr Wanjiru Kamau')).toBeInTheDocument();
  });

  it("lets an admin set a psychologist's rates and hours, showing the server's refusal", async () => {
    let tries = 0;
    const server = usersServer({
      'PUT /api/admin/psychologists/u0/rates': (body) => (++tries === 1
        ? [400, { ...problem(400, 'Invalid input', 'individual must be greater than or equal to 1'), field: 'individual' }]
        : body),
    });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Rates and hours for Dr Wanjiru Kamau' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rates and hours: Dr Wanjiru Kamau' });
    fireEvent.change(await within(dialog).findByLabelText(/Individual session \(KES\)/), { target: { value: '0' } });
    fireEvent.change(within(dialog).getByLabelText(/Group session \(KES\)/), { target: { value: '1500' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    expect(await within(dialog).findByTestId('rates-error')).toHaveTextContent('individual must be greater than or equal to 1');
    fireEvent.change(within(dialog).getByLabelText(/Individual session \(KES\)/), { target: { value: '2500' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save rates' }));
    expect(await within(dialog).findByTestId('rates-saved')).toHaveTextContent('KES 2500 individual, KES 1500 group');
    expect(requestsTo(server, 'PUT', '/api/admin/psychologists/u0/rates').at(-1).body).toEqual({ individual: 2500, group: 1500 });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Add hours on Friday' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save working hours' }));
    expect(await within(dialog).findByTestId('hours-saved')).toBeInTheDocument();
    expect(requestsTo(server, 'PUT', '/api/psychologists/u0/working-hours')[0].body.weekly).toEqual({ friday: [{ start: '09:00', end: '17:00' }] });
  });

  it('opens a group session for a psychologist (clients only have none to open)', async () => {
    const server = usersServer({ 'POST /api/group-sessions': (body) => [201, { id: 'g1', ...body, price: 1500 }] });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Open a group session for Dr Wanjiru Kamau' }));
    expect(screen.queryByRole('button', { name: 'Open a group session for Client 01' })).not.toBeInTheDocument();
    const dialog = await screen.findByRole('dialog', { name: 'New group session: Dr Wanjiru Kamau' });
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Grief circle');
    fireEvent.change(within(dialog).getByLabelText(/Date and time/), { target: { value: '2026-12-02T16:30' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Group session \u201cGrief circle\u201d opened for Dr Wanjiru Kamau')).toBeInTheDocument();
    expect(requestsTo(server, 'POST', '/api/group-sessions')[0].body).toMatchObject({ psychologistId: 'u0', title: 'Grief circle' });
  });

  it('disables an account after confirming, saying how many sessions were cancelled', async () => {
    vi.stubGlobal('confirm', vi.fn(() => true));
    const server = usersServer({ 'POST /api/admin/users/u1/disable': () => ({ user: { ...people[1], disabled: true }, sessionsCancelled: 2 }) });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Disable Client 01' }));
    expect(await screen.findByText('Client 01 disabled; 2 future session(s) cancelled')).toBeInTheDocument();
    expect(requestsTo(server, 'POST', '/api/admin/users/u1/disable')).toHaveLength(1);
  });

  it('signs a user out on every device after confirming', async () => {
    vi.stubGlobal('confirm', vi.fn(() => true));
    const server = usersServer({ 'POST /api/admin/users/u1/revoke-sessions': () => ({ signInsRevoked: 2 }) });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out Client 01 everywhere' }));
    expect(await screen.findByText('Client 01 signed out of 2 device(s)')).toBeInTheDocument();
    expect(requestsTo(server, 'POST', '/api/admin/users/u1/revoke-sessions')).toHaveLength(1);
  });

  it('invites a new psychologist by email and offers to set rates and hours right after', async () => {
    const server = usersServer({ 'POST /api/admin/users': (body) => [201, { id: 'u0', name: body.name, email: body.email, role: body.role }] });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await screen.findByText('Dr Wanjiru Kamau');
    fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: 'Dr Wanjiru Kamau' } });
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: 'w@example.org' } });
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByTestId('create-user-result')).toHaveTextContent('an invitation to choose a password has been emailed');
    expect(screen.getByTestId('create-user-result')).toHaveTextContent('Clients can book them once they have rates and working hours');
    expect(requestsTo(server, 'POST', '/api/admin/users')[0].body).not.toHaveProperty('password');
    await userEvent.click(screen.getByRole('button', { name: 'Set rates and hours' }));
    expect(await screen.findByRole('dialog', { name: 'Rates and hours: Dr Wanjiru Kamau' })).toBeInTheDocument();
  });

  it("erases an account on the person's request with a reason that names nobody", async () => {
    const server = usersServer({ 'POST /api/admin/users/u1/erase': () => [204] });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Erase Client 01' }));
    const dialog = await screen.findByRole('dialog', { name: "Erase Client 01's account?" });
    expect(within(dialog).getByText(/Do not name the person or write their email or phone/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Erase account' })).toBeDisabled();
    fireEvent.change(within(dialog).getByTestId('erase-user-reason'), { target: { value: ' asked by email on 28 Nov ' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Erase account' }));
    expect(await screen.findByText("Client 01's account has been erased")).toBeInTheDocument();
    expect(requestsTo(server, 'POST', '/api/admin/users/u1/erase')[0].body).toEqual({ reason: 'asked by email on 28 Nov' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo(server, 'GET', '/api/admin/users').length).toBeGreaterThan(1); // the list is read again
  });

  it("keeps the dialog open with the server's refusal and what to do about it", async () => {
    usersServer({
      'POST /api/admin/users/u0/erase': () => [409, refusal('psychologist-has-upcoming-sessions',
        '2 upcoming session(s) still booked with you: ask the practice to move them to a colleague or cancel them, then erase the account')],
      'POST /api/admin/users/u2/erase': () => [409, refusal('last-admin',
        "this is the practice's only admin account: create another admin before erasing it")],
    });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await userEvent.click(await screen.findByRole('button', { name: 'Erase Dr Wanjiru Kamau' }));
    let dialog = await screen.findByRole('dialog', { name: "Erase Dr Wanjiru Kamau's account?" });
    fireEvent.change(within(dialog).getByTestId('erase-user-reason'), { target: { value: 'letter of 27 Nov' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Erase account' }));
    const refused = await within(dialog).findByTestId('erase-user-refused');
    expect(refused).toHaveTextContent('This psychologist still has upcoming sessions');
    expect(refused).toHaveTextContent('2 upcoming session(s) still booked');
    expect(refused).toHaveTextContent('Move them to a colleague or cancel them');
    expect(within(dialog).getByTestId('erase-user-reason')).toHaveFocus(); // Escape reaches the dialog
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await userEvent.click(screen.getByRole('button', { name: 'Erase Client 02' }));
    dialog = await screen.findByRole('dialog', { name: "Erase Client 02's account?" });
    expect(within(dialog).queryByTestId('erase-user-refused')).not.toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId('erase-user-reason'), { target: { value: 'phone call of 27 Nov' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Erase account' }));
    expect(await within(dialog).findByTestId('erase-user-refused')).toHaveTextContent("This is the practice's only admin");
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep the account' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it("offers no erasure of the admin's own account (that is Delete my account, with the password)", async () => {
    usersServer();
    signIn({ id: 'u3', name: 'Client 03', role: 'admin' });
    renderPage('/admin', { '/admin': <UsersTab /> });
    await screen.findByText('Client 03');
    expect(screen.queryByRole('button', { name: 'Erase Client 03' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Erase Client 04' })).toBeInTheDocument();
  });
});
