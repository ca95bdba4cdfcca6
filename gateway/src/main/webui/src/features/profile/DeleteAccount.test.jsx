// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ProfilePage from './ProfilePage.jsx';
import RequireAuth from '../auth/RequireAuth.jsx';
import AccountDeletedPage from '../privacy/AccountDeletedPage.jsx';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const amani = { id: 'c1', name: 'Amani', email: 'amani@example.org', role: 'client' };
const pages = {
  '/profile': <RequireAuth><ProfilePage /></RequireAuth>,
  '/login': <p>Login page</p>,
  '/account-deleted': <AccountDeletedPage />,
};

async function deleteWith(password) {
  await userEvent.click(await screen.findByTestId('delete-account'));
  expect(screen.getByRole('dialog')).toHaveTextContent('This cannot be undone');
  expect(screen.getByTestId('confirm-delete-account')).toBeDisabled();
  await userEvent.type(screen.getByTestId('delete-account-password'), password);
  await userEvent.click(screen.getByTestId('confirm-delete-account'));
}

describe('DeleteAccount', () => {
  it('warns what goes and what stays, erases with the password and signs the person out', async () => {
    const server = fakeServer({ 'DELETE /api/users/me': () => [204, undefined], 'POST /api/auth/logout': () => [204, undefined] });
    signIn(amani, 'access-1');
    renderPage('/profile', pages);
    expect(screen.getByText(/upcoming sessions are cancelled/)).toBeInTheDocument();
    expect(screen.getByText(/Past sessions and payments stay/)).toBeInTheDocument();
    await deleteWith('my-password');
    expect(await screen.findByTestId('account-deleted')).toHaveTextContent('Your account has been deleted');
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', path: '/api/users/me', body: { password: 'my-password' } });
    expect(server.requests[0].headers.Authorization).toBe('Bearer access-1');
    // the tab signs out after the logout request is answered
    await waitFor(() => expect(sessionStorage.getItem('ssv.auth')).toBeNull());
  });

  it('keeps the account and says why when the password is wrong', async () => {
    fakeServer({ 'DELETE /api/users/me': () => [403, problem(403, 'Forbidden', 'the current password is not right')] });
    signIn(amani);
    renderPage('/profile', pages);
    await deleteWith('not-it');
    expect(await screen.findByTestId('delete-account-error')).toHaveTextContent('the current password is not right');
    expect(screen.queryByTestId('account-deleted')).not.toBeInTheDocument();
    expect(sessionStorage.getItem('ssv.auth')).not.toBeNull();
  });

  it('tells a psychologist their upcoming sessions must be handed over first', async () => {
    fakeServer({});
    signIn({ ...amani, role: 'psychologist' });
    renderPage('/profile', pages);
    expect(await screen.findByText(/must first be moved to a colleague/)).toBeInTheDocument();
  });
});
