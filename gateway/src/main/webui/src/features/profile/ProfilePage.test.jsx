// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ProfilePage from './ProfilePage.jsx';
import RequireAuth from '../auth/RequireAuth.jsx';
import * as download from './downloadJson.js';
import { fakeServer, problem, signIn } from '../../shared/testing/fakeServer.js';
import { renderPage } from '../../shared/testing/renderPage.jsx';

const amani = { id: 'c1', name: 'Amani', email: 'amani@example.org', role: 'client' };
const pages = { '/profile': <RequireAuth><ProfilePage /></RequireAuth>, '/login': <p>Login page</p> };

async function signOutEverywhere() {
  await userEvent.click(await screen.findByTestId('sign-out-everywhere'));
  await userEvent.click(await screen.findByTestId('confirm-sign-out-everywhere'));
}

describe('ProfilePage', () => {
  it('signs out on every device, this one included', async () => {
    const server = fakeServer({ 'POST /api/auth/logout-all': () => ({ signInsRevoked: 3 }) });
    signIn(amani, 'access-1');
    renderPage('/profile', pages);
    expect(screen.getByText('amani@example.org')).toBeInTheDocument();
    await signOutEverywhere();
    expect(await screen.findByText('Login page')).toBeInTheDocument();
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/auth/logout-all' });
    expect(server.requests[0].headers.Authorization).toBe('Bearer access-1');
    expect(sessionStorage.getItem('ssv.auth')).toBeNull();
  });

  it('stays signed in and says why when the server refuses', async () => {
    fakeServer({ 'POST /api/auth/logout-all': () => [503, problem(503, 'Unavailable', 'Try again in a minute.')] });
    signIn(amani);
    renderPage('/profile', pages);
    await signOutEverywhere();
    expect(await screen.findByTestId('sign-out-everywhere-error')).toHaveTextContent('Try again in a minute.');
    expect(screen.queryByText('Login page')).not.toBeInTheDocument();
  });

  it('downloads the one export document the server gives, with the emails sent to the person', async () => {
    const saved = vi.spyOn(download, 'downloadJson').mockImplementation(() => {});
    const server = fakeServer({
      'GET /api/users/me/export': () => ({
        profile: { id: 'c1', email: 'amani@example.org' },
        sessions: [{ id: 's1' }],
        payments: [],
        emails: { jobs: [{ kind: 'REMINDER', to: 'amani@example.org' }], deliveries: [] },
      }),
    });
    signIn(amani, 'access-1');
    renderPage('/profile', pages);
    await userEvent.click(await screen.findByTestId('download-my-data'));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
    const [name, data] = saved.mock.calls[0];
    expect(name).toMatch(/^smiling-steps-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(data).toMatchObject({ profile: { id: 'c1' }, sessions: [{ id: 's1' }], emails: { jobs: [{ kind: 'REMINDER' }] } });
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers.Authorization}`))
      .toEqual(['GET /api/users/me/export Bearer access-1']);
    saved.mockRestore();
  });

  it('says why when the data cannot be gathered, and saves nothing', async () => {
    const saved = vi.spyOn(download, 'downloadJson').mockImplementation(() => {});
    fakeServer({
      'GET /api/users/me/export': () => [503, problem(503, 'Export unavailable', 'The emails we sent you cannot be read right now.')],
    });
    signIn(amani);
    renderPage('/profile', pages);
    await userEvent.click(await screen.findByTestId('download-my-data'));
    expect(await screen.findByTestId('download-my-data-error')).toHaveTextContent('The emails we sent you cannot be read right now.');
    expect(saved).not.toHaveBeenCalled();
    saved.mockRestore();
  });
});
