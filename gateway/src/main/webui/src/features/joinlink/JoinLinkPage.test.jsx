// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import JoinLinkPage from './JoinLinkPage.jsx';
import RequireAuth from '../auth/RequireAuth.jsx';
import LoginPage from '../auth/LoginPage.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

function CallPage() {
  return <p>Pre-call check</p>;
}

const pages = {
  '/join': <JoinLinkPage />,
  '/video-call/:sessionId': <RequireAuth><CallPage /></RequireAuth>,
  '/dashboard': <RequireAuth><p>Dashboard</p></RequireAuth>,
  '/login': <LoginPage />,
};

const signedIn = () => ({
  token: 'scoped-1', expiresAt: new Date(Date.now() + 7_200_000).toISOString(), sessionId: 's-42', scope: 'session',
  user: { id: 'c1', name: 'Amani', role: 'client', emailVerified: true },
});

afterEach(() => sessionStorage.clear());

describe('JoinLinkPage', () => {
  it('posts the token from the link once, without any other sign-in, and lands on the pre-call check', async () => {
    sessionStorage.setItem('ssv.auth', JSON.stringify({ token: 'someone-elses', expiresAt: new Date(Date.now() + 600_000).toISOString(), user: { id: 'x' } }));
    const server = fakeServer({ 'POST /api/auth/join-link': signedIn });
    renderPage('/join#token=abc_DEF-123', pages);
    expect(await screen.findByText('Pre-call check')).toBeInTheDocument();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].body).toEqual({ token: 'abc_DEF-123' });
    expect(server.requests[0].headers?.Authorization).toBeUndefined();
    const stored = JSON.parse(sessionStorage.getItem('ssv.auth'));
    expect(stored.token).toBe('scoped-1');
    expect(stored.sessionOnly).toBe('s-42');
  });

  it('refuses a used (forwarded) link with its reason and a sign-in prompt, and signs nobody in', async () => {
    fakeServer({
      'POST /api/auth/join-link': () => [410, problem(410, 'Gone', 'This join link has already been used. If it is yours, sign in to join your session.')],
    });
    renderPage('/join#token=used', pages);
    expect(await screen.findByRole('alert')).toHaveTextContent('already been used');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    expect(sessionStorage.getItem('ssv.auth')).toBeNull();
  });

  it('says so when the link lost its token, without asking the server', async () => {
    const server = fakeServer({});
    renderPage('/join', pages);
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is incomplete');
    await waitFor(() => expect(server.requests).toHaveLength(0));
  });

  it("sets the link's sign-in aside anywhere but its session's call and asks for the password", async () => {
    sessionStorage.setItem('ssv.auth', JSON.stringify({ ...signedIn(), sessionOnly: 's-42' }));
    fakeServer({});
    renderPage('/dashboard', pages);
    expect(await screen.findByTestId('join-link-scope')).toHaveTextContent("opens only that session's call");
    expect(screen.queryByText('Dashboard')).toBeNull();
    expect(sessionStorage.getItem('ssv.auth')).toBeNull();
  });
});
