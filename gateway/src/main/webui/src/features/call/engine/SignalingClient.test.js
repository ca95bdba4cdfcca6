import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient, bearerProtocols, signalingUrl } from './SignalingClient.js';

/** A scripted stand-in for the browser WebSocket: the test opens, feeds and closes it. */
class FakeSocket {
  static OPEN = 1;
  static instances = [];
  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.instances.push(this);
  }
  send(data) { this.sent.push(JSON.parse(data)); }
  close() { this.readyState = 3; }
  open() { this.readyState = 1; this.onopen?.(); }
  receive(msg) { this.onmessage?.({ data: JSON.stringify(msg) }); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }); }
}

const flush = () => new Promise((r) => { r(); }).then(() => {});

describe('signalingUrl', () => {
  it('names the session, so the gateway keeps both peers on one signaling instance', () => {
    expect(signalingUrl('s 1/2', { protocol: 'https:', host: 'video.example.org' }))
      .toBe('wss://video.example.org/ws/signaling?session=s%201%2F2');
    expect(signalingUrl(undefined, { protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws/signaling');
  });
});

describe('SignalingClient', () => {
  let received; let statuses; let fatal; let tickets;

  function client() {
    let n = 0;
    return new SignalingClient({
      url: 'ws://gateway/ws/signaling',
      getToken: () => 'tok',
      fetchTicket: tickets ?? (async () => `fresh-${++n}`),
      onMessage: (m) => received.push(m),
      onStatus: (s) => statuses.push(s),
      onFatal: (e) => { fatal = e; },
    });
  }

  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
    FakeSocket.instances = [];
    received = []; statuses = []; fatal = null; tickets = null;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('carries the access token as the bearer subprotocol pair', () => {
    expect(bearerProtocols('abc')).toEqual(['bearer-token-carrier', 'quarkus-http-upgrade%23Authorization%23Bearer%20abc']);
  });

  it('joins with the given ticket once the socket opens', async () => {
    const c = client();
    c.start('first-ticket');
    await flush();
    const ws = FakeSocket.instances[0];
    expect(ws.protocols[0]).toBe('bearer-token-carrier');
    ws.open();
    expect(ws.sent).toEqual([{ type: 'join-room', ticket: 'first-ticket' }]);
    ws.receive({ type: 'existing-participants', peerId: 'p1', participants: [] });
    expect(statuses.at(-1)).toBe('open');
    expect(received[0].type).toBe('existing-participants');
  });

  it('opens the socket while the ticket is still being issued', async () => {
    let issue;
    const c = client();
    c.start(new Promise((resolve) => { issue = resolve; }));
    const ws = FakeSocket.instances[0];
    ws.open();
    expect(ws.sent).toEqual([]);
    issue('late-ticket');
    await flush();
    expect(ws.sent).toEqual([{ type: 'join-room', ticket: 'late-ticket' }]);
  });

  it('reconnects after a drop with backoff and rejoins with a fresh ticket', async () => {
    const c = client();
    c.start('first-ticket');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].drop();
    expect(received.at(-1)).toEqual({ type: 'signaling-closed', code: 1006 });
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500); // first retry: at most 500 ms
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1].open();
    expect(FakeSocket.instances[1].sent).toEqual([{ type: 'join-room', ticket: 'fresh-1' }]);
  });

  it('rejoins with a token refreshed after the first one expired mid-call', async () => {
    let tokenNumber = 0;
    let refreshDone;
    const c = new SignalingClient({
      url: 'ws://gateway/ws/signaling',
      // the first socket has a token at hand; the rejoin must wait for a refresh
      getToken: () => (tokenNumber++ === 0 ? 'first' : new Promise((r) => { refreshDone = r; })),
      fetchTicket: async () => 'fresh-ticket',
      onMessage: (m) => received.push(m),
      onStatus: (s) => statuses.push(s),
    });
    c.start('t');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].drop();
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.instances).toHaveLength(1); // no socket with a stale token
    refreshDone('refreshed');
    await flush();
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.instances[1].protocols).toEqual(bearerProtocols('refreshed'));
    FakeSocket.instances[1].open();
    await flush();
    expect(FakeSocket.instances[1].sent).toEqual([{ type: 'join-room', ticket: 'fresh-ticket' }]);
  });

  it('opens nothing when stopped while the token is being refreshed', async () => {
    let refreshDone;
    const c = new SignalingClient({
      url: 'ws://gateway/ws/signaling',
      getToken: () => new Promise((r) => { refreshDone = r; }),
      fetchTicket: async () => 'ticket',
    });
    c.start('t');
    c.stop();
    refreshDone('late');
    await flush();
    expect(FakeSocket.instances).toHaveLength(0);
  });

  it('backs off further on repeated failures and resets after a successful join', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // delays 375, 750, 1500 ms
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].drop();
    await vi.advanceTimersByTimeAsync(374);
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1].drop();
    await vi.advanceTimersByTimeAsync(749);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.instances[2].drop();
    await vi.advanceTimersByTimeAsync(1499);
    expect(FakeSocket.instances).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(4);
    FakeSocket.instances[3].open();
    FakeSocket.instances[3].receive({ type: 'waiting', peerId: 'p9' });
    expect(c.attempt).toBe(0);
  });

  it('stops when the server refuses a fresh ticket', async () => {
    tickets = async () => { const e = new Error('closed'); e.status = 403; e.detail = 'The join window has closed'; throw e; };
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].drop();
    await vi.advanceTimersByTimeAsync(1000);
    // the reconnect's socket is dropped as soon as the ticket is refused, and no other follows
    expect(FakeSocket.instances).toHaveLength(2);
    expect(FakeSocket.instances[1].readyState).toBe(3);
    expect(fatal).toEqual({ code: 'ticket-refused', message: 'The join window has closed' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('treats replaced and room-full as final', async () => {
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].receive({ type: 'error', code: 'replaced', message: 'joined elsewhere' });
    expect(fatal.code).toBe('replaced');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('treats a session that ended (cancelled, completed, window closed) as final', async () => {
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].receive({ type: 'error', code: 'session-ended', message: 'The session is Cancelled.' });
    expect(fatal).toEqual({ type: 'error', code: 'session-ended', message: 'The session is Cancelled.' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('treats revoked access (account disabled, signed out everywhere) as final', async () => {
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].receive({ type: 'error', code: 'access-revoked', message: 'Your sign-in has ended; please sign in again.' });
    expect(fatal.code).toBe('access-revoked');
    FakeSocket.instances[0].drop(1008); // the server closes it after the error
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('passes non-final errors on and keeps the connection', async () => {
    const c = client();
    c.start('t');
    await flush();
    FakeSocket.instances[0].open();
    FakeSocket.instances[0].receive({ type: 'error', code: 'not-in-room', message: 'gone' });
    expect(fatal).toBeNull();
    expect(received.at(-1).code).toBe('not-in-room');
  });

  it('says goodbye with leave-room on stop and does not reconnect', async () => {
    const c = client();
    c.start('t');
    await flush();
    const ws = FakeSocket.instances[0];
    ws.open();
    c.stop();
    expect(ws.sent.at(-1)).toEqual({ type: 'leave-room' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('sends nothing while disconnected', async () => {
    const c = client();
    c.start('t');
    await flush();
    expect(c.send({ type: 'chat', text: 'hi' })).toBe(false);
  });
});
