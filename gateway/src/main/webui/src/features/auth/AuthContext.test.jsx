// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useAuth } from './AuthContext.jsx';
import { REFRESH_MARGIN_MS } from '../../shared/api/session.js';
import { fakeServer, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const amani = { id: 'c1', name: 'Amani', role: 'client' };

function Account() {
  const { token, logout } = useAuth();
  return <><p data-testid="token">{token ?? 'signed out'}</p><button type="button" onClick={logout}>Log out</button></>;
}

describe('AuthProvider', () => {
  it('refreshes the access token silently shortly before it expires', async () => {
    const server = fakeServer({
      'POST /api/auth/refresh': () => ({ token: 'second', expiresAt: new Date(Date.now() + 900_000).toISOString(), user: amani }),
    });
    sessionStorage.setItem('ssv.auth', JSON.stringify({
      token: 'first', user: amani, expiresAt: new Date(Date.now() + REFRESH_MARGIN_MS + 300).toISOString(),
    }));
    renderPage('/', { '/': <Account /> });
    expect(screen.getByTestId('token')).toHaveTextContent('first');
    await waitFor(() => expect(screen.getByTestId('token')).toHaveTextContent('second'));
    expect(server.requests.map((r) => r.path)).toEqual(['/api/auth/refresh']);
  });

  it('logs out on the server too, so the refresh cookie is dead', async () => {
    const server = fakeServer({ 'POST /api/auth/logout': () => [204, undefined] });
    signIn(amani, 'first');
    renderPage('/', { '/': <Account /> });
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(screen.getByTestId('token')).toHaveTextContent('signed out'));
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/api/auth/logout' }]);
    expect(server.requests[0].headers.Authorization).toBeUndefined();
  });
});
