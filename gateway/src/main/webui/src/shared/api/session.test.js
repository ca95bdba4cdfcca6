// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from './client.js';
import { REFRESH_MARGIN_MS, freshToken, refreshDueInMs, refreshSession } from './session.js';
import { loadAuth, localExpiry, saveAuth } from './tokenStore.js';
import { clearActiveEngine, setActiveEngine } from '../activeCall.js';
import { fakeServer, problem } from '../testing/fakeServer.js';

const user = { id: 'c1', name: 'Amani', role: 'client' };
const inMs = (ms) => new Date(Date.now() + ms).toISOString();

/** A JWT-shaped token (unsigned: only its iat/exp are read here). */
function jwt(lifetimeSeconds, iat = 1_700_000_000) {
  const part = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part({ sub: 'c1', iat, exp: iat + lifetimeSeconds })}.sig`;
}

describe('silent refresh', () => {
  let refreshes;
  const refreshed = (token = 'new-token') => () => {
    refreshes += 1;
    return { token, expiresAt: inMs(900_000), user };
  };

  beforeEach(() => { refreshes = 0; });
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('keeps a token with time left and refreshes one about to expire', async () => {
    fakeServer({ 'POST /api/auth/refresh': refreshed() });
    saveAuth({ token: 'plenty', expiresAt: inMs(10 * 60_000), user });
    expect(await freshToken()).toBe('plenty');
    expect(refreshes).toBe(0);

    saveAuth({ token: 'nearly-gone', expiresAt: inMs(REFRESH_MARGIN_MS - 1000), user });
    expect(await freshToken()).toBe('new-token');
    expect(refreshes).toBe(1);
    expect(loadAuth()).toMatchObject({ token: 'new-token', user });
  });

  it('shares one refresh among concurrent callers, and sends the cookie as JSON', async () => {
    let release;
    const server = fakeServer({
      'POST /api/auth/refresh': async () => {
        if (refreshes === 0) await new Promise((r) => { release = r; });
        return refreshed()();
      },
    });
    const callers = [refreshSession(), freshToken(), freshToken()];
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    release();
    expect(await Promise.all(callers)).toEqual(['new-token', 'new-token', 'new-token']);
    expect(refreshes).toBe(1);
    const [request] = server.requests;
    expect(request.headers['Content-Type']).toBe('application/json');
    expect(server.fetch.mock.calls[0][1].credentials).toBe('same-origin');
    // the next one is a new request
    await refreshSession();
    expect(refreshes).toBe(2);
  });

  it('retries a call refused with 401 once with a refreshed token', async () => {
    const server = fakeServer({
      'POST /api/auth/refresh': refreshed('renewed'),
      'POST /api/video-calls/end/s1': (body, url) => (server.requests.at(-1).headers.Authorization === 'Bearer renewed'
        ? { status: 'Completed' } : [401, problem(401, 'Unauthorized', 'expired')]),
    });
    saveAuth({ token: 'revoked-early', expiresAt: inMs(10 * 60_000), user });
    expect(await api('/api/video-calls/end/s1', { method: 'POST', body: {} })).toEqual({ status: 'Completed' });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/video-calls/end/s1', '/api/auth/refresh', '/api/video-calls/end/s1']);
  });

  it('retries once after Retry-After when a service could not check the token yet (503 keys-unavailable)', async () => {
    let calls = 0;
    const server = fakeServer({
      'GET /api/video-calls/config': () => {
        calls += 1;
        return calls === 1
          ? [503, problem(503, 'Keys unavailable', 'Sign-ins cannot be checked at the moment'), { 'Retry-After': '1' }]
          : { iceServers: [] };
      },
    });
    saveAuth({ token: 'valid', expiresAt: inMs(10 * 60_000), user });
    expect(await api('/api/video-calls/config')).toEqual({ iceServers: [] });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/video-calls/config', '/api/video-calls/config']);
    expect(loadAuth()?.token).toBe('valid');

    // any other 503 is the caller's to show, not retried here
    const down = fakeServer({ 'GET /api/video-calls/config': () => [503, problem(503, 'Server error', 'down')] });
    await expect(api('/api/video-calls/config')).rejects.toMatchObject({ status: 503, detail: 'down' });
    expect(down.requests).toHaveLength(1);
  });

  it('signs the tab out when the sign-in has ended, but not in the middle of a call', async () => {
    fakeServer({ 'POST /api/auth/refresh': () => [401, problem(401, 'Unauthorized', 'your sign-in has ended')] });
    const engine = { disposed: false };
    setActiveEngine(engine);
    saveAuth({ token: 'old', expiresAt: inMs(1000), user });
    expect(await refreshSession()).toBeNull();
    expect(loadAuth()?.token).toBe('old');
    clearActiveEngine(engine);
    expect(await refreshSession()).toBeNull();
    expect(loadAuth()).toBeNull();
  });

  it('keeps the token when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('network down'); }));
    saveAuth({ token: 'old', expiresAt: inMs(5000), user });
    expect(await freshToken()).toBe('old');
    expect(loadAuth()?.token).toBe('old');
  });

  it("times a JWT by its own lifetime, whatever this device's clock says", () => {
    const now = 5_000;
    expect(localExpiry(jwt(900), '1999-01-01T00:00:00Z', now)).toBe(now + 900_000);
    expect(localExpiry('opaque', '1970-01-01T00:01:00Z', now)).toBe(60_000);
    expect(refreshDueInMs({ localExpiresAt: now + 900_000 }, now)).toBe(900_000 - REFRESH_MARGIN_MS);
    expect(refreshDueInMs({ localExpiresAt: now + 10_000 }, now)).toBe(0);
    expect(refreshDueInMs(null, now)).toBe(0);
  });
});
