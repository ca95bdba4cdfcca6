// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import VerifyEmailPage from './VerifyEmailPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const pages = { '/verify-email': <VerifyEmailPage />, '/dashboard': <p>Dashboard</p>, '/login': <p>Login</p> };

afterEach(() => sessionStorage.clear());

describe('VerifyEmailPage', () => {
  it('posts the token from the link once, signs in and opens the dashboard', async () => {
    const server = fakeServer({
      'POST /api/auth/verify-email': () => ({ token: 't1', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 'c1', name: 'Amani', role: 'client', emailVerified: true } }),
    });
    renderPage('/verify-email#token=abc_DEF-123', pages);
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].body).toEqual({ token: 'abc_DEF-123' });
    expect(JSON.parse(sessionStorage.getItem('ssv.auth')).user.emailVerified).toBe(true);
  });

  it("shows why a used or expired link is refused, and stays signed out", async () => {
    fakeServer({ 'POST /api/auth/verify-email': () => [410, problem(410, 'Gone', 'this link has already been used; sign in, or ask for a new one')] });
    renderPage('/verify-email#token=used', pages);
    expect(await screen.findByRole('alert')).toHaveTextContent('this link has already been used; sign in, or ask for a new one');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(sessionStorage.getItem('ssv.auth')).toBeNull();
  });

  it('says so when the link lost its token, without asking the server', async () => {
    const server = fakeServer({});
    renderPage('/verify-email', pages);
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is incomplete');
    await waitFor(() => expect(server.requests).toHaveLength(0));
  });
});
