// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import RequireAuth from './RequireAuth.jsx';
import { fakeServer, problem } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const pages = {
  '/dashboard': <RequireAuth><p>Dashboard</p></RequireAuth>,
  '/login': <p>Login page</p>,
};

describe('RequireAuth', () => {
  it("restores a new tab's sign-in from the refresh cookie, once", async () => {
    const server = fakeServer({
      'POST /api/auth/refresh': () => ({ token: 't2', expiresAt: new Date(Date.now() + 900_000).toISOString(), user: { id: 'c1', name: 'Amani', role: 'client' } }),
    });
    renderPage('/dashboard', pages);
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(server.requests.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(JSON.parse(sessionStorage.getItem('ssv.auth')).token).toBe('t2');
  });

  it('sends a browser that is not signed in to the login page', async () => {
    const server = fakeServer({ 'POST /api/auth/refresh': () => [401, problem(401, 'Unauthorized', 'your sign-in has ended')] });
    renderPage('/dashboard', pages);
    expect(await screen.findByText('Login page')).toBeInTheDocument();
    expect(server.requests).toHaveLength(1);
  });
});
