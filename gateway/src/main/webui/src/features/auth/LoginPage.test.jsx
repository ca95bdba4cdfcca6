// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import LoginPage from './LoginPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

function loginAt(from) {
  renderPage('/login', { '/login': <LoginPage />, '/dashboard': <p>Dashboard</p>, '/video-call/:id': <p>Call page</p> }, from);
}

async function signInAs(email, password) {
  fireEvent.change(screen.getByLabelText(/Email/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: password } });
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('signs in and goes back to the page asked for, e.g. the call link of a reminder email', async () => {
    fakeServer({
      'POST /api/auth/login': () => ({ token: 't1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'c1', name: 'Amani', role: 'client' } }),
    });
    loginAt('/video-call/s1');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled();
    await signInAs(' amani@example.org ', 'secret-pass');
    expect(await screen.findByText('Call page')).toBeInTheDocument();
  });

  it("shows the server's reason for a refused sign-in", async () => {
    fakeServer({ 'POST /api/auth/login': () => [401, problem(401, 'Unauthorized', 'Email or password is incorrect.')] });
    loginAt();
    await signInAs('amani@example.org', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    expect(screen.queryByText('Dashboard')).not.toBeInTheDocument();
  });
});
