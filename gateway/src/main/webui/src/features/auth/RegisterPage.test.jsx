// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import RegisterPage from './RegisterPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

function registerAt() {
  renderPage('/register', { '/register': <RegisterPage />, '/dashboard': <p>Dashboard</p> });
}

async function fillAndSubmit(phone) {
  fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: ' Amani Otieno ' } });
  fireEvent.change(screen.getByLabelText(/Email/), { target: { value: 'amani@example.org' } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret-pass' } });
  if (phone) fireEvent.change(screen.getByLabelText(/Phone/), { target: { value: phone } });
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  it('creates the account with the phone for M-Pesa and signs in', async () => {
    const server = fakeServer({
      'POST /api/auth/register': () => [201, { token: 't1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'c1', name: 'Amani Otieno', role: 'client' } }],
    });
    registerAt();
    expect(screen.getByRole('button', { name: 'Create account' })).toBeDisabled();
    await fillAndSubmit(' 254712345678 ');
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(server.requests[0].body).toEqual({ name: 'Amani Otieno', email: 'amani@example.org', password: 'secret-pass', phone: '254712345678' });
  });

  it("shows the server's reason for a refused registration and leaves out an empty phone", async () => {
    const server = fakeServer({ 'POST /api/auth/register': () => [409, problem(409, 'Conflict', 'A user with this email already exists.')] });
    registerAt();
    await fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('A user with this email already exists.');
    expect(server.requests[0].body).not.toHaveProperty('phone');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });
});
