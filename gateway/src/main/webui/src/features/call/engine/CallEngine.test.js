import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Minimal stand-ins for the browser's WebRTC objects: the engine's room logic is tested here,
// the media path in a real browser (see README.md).
class FakeStream {
  constructor(tracks = []) { this.tracks = tracks; }
  getTracks() { return this.tracks; }
  getAudioTracks() { return this.tracks.filter((t) => t.kind === 'audio'); }
  getVideoTracks() { return this.tracks.filter((t) => t.kind === 'video'); }
  addTrack(t) { this.tracks.push(t); }
}
class FakePc {
  static all = [];
  constructor(config) {
    this.config = config;
    this.connectionState = 'new';
    this.signalingState = 'stable';
    this.closed = false;
    FakePc.all.push(this);
  }
  addTrack(track) { return { track, replaceTrack: async (t) => { this.replaced = t; } }; }
  addTransceiver() { return { sender: { track: null, replaceTrack: async () => {} } }; }
  close() { this.closed = true; this.connectionState = 'closed'; }
  setConfiguration(c) { this.config = c; }
  restartIce() {}
  async getStats() { return new Map(); }
}
const track = (kind) => ({ kind, enabled: true, stop() { this.stopped = true; }, getSettings: () => ({}) });

vi.mock('../../../shared/api/client.js', () => ({
  Api: {
    videoConfig: vi.fn(async () => ({ iceServers: [{ urls: 'stun:x' }], ttl: 600 })),
    generateRoom: vi.fn(async () => ({ roomId: 'r1', ticket: 'ticket-1' })),
    startCall: vi.fn(async () => ({})),
    endCall: vi.fn(async () => ({ duration: 12 })),
    qualityReport: vi.fn(async () => ({})),
    callSession: vi.fn(async () => ({ session: {} })),
  },
}));
vi.mock('./SignalingClient.js', () => ({
  signalingUrl: (sessionId) => `ws://gateway/ws/signaling?session=${sessionId}`,
  SignalingClient: class {
    constructor(opts) { this.opts = opts; this.sent = []; }
    start(ticket) { this.ticket = ticket; }
    send(m) { this.sent.push(m); return true; }
    stop() { this.stopped = true; }
    reconnectNow() { this.reconnected = true; }
    socket() { return null; }
  },
}));

const { CallEngine } = await import('./CallEngine.js');
const { RETIRED_LINK_MS } = await import('./linkManager.js');
const { Api } = await import('../../../shared/api/client.js');

describe('CallEngine room logic', () => {
  let engine;
  let stream;

  beforeEach(async () => {
    FakePc.all = [];
    vi.stubGlobal('RTCPeerConnection', FakePc);
    vi.stubGlobal('MediaStream', FakeStream);
    vi.stubGlobal('window', { });
    vi.stubGlobal('performance', { now: () => Date.now() });
    stream = new FakeStream([track('audio'), track('video')]);
    engine = new CallEngine({ sessionId: 's1', localStream: stream, log: () => {} });
    await engine.join();
  });

  afterEach(() => {
    engine.dispose();
    vi.unstubAllGlobals();
  });

  const msg = (m) => engine.handleMessage(m);

  it('joins with the generate-room ticket and the config servers', async () => {
    expect(engine.signaling.opts.url).toBe('ws://gateway/ws/signaling?session=s1');
    expect(await engine.signaling.ticket).toBe('ticket-1');
    expect(engine.rtcConfig()).toEqual({ iceServers: [{ urls: 'stun:x' }], iceTransportPolicy: 'all' });
  });

  it('refuses to join when generate-room says no, and leaves the signaling socket', async () => {
    const refusal = Object.assign(new Error('outside the join window'), { status: 403 });
    Api.generateRoom.mockRejectedValueOnce(refusal);
    const other = new CallEngine({ sessionId: 's2', localStream: new FakeStream([]), log: () => {} });
    await expect(other.join()).rejects.toBe(refusal);
    expect(other.signaling.stopped).toBe(true);
    other.dispose();
  });

  it('still joins without the credentials service, with no ICE servers', async () => {
    Api.videoConfig.mockRejectedValueOnce(new Error('502'));
    const other = new CallEngine({ sessionId: 's3', localStream: new FakeStream([]), log: () => {} });
    await other.join();
    expect(other.rtcConfig().iceServers).toEqual([]);
    expect(other.getSnapshot().notice).toMatch(/relay server is unavailable/);
    other.dispose();
  });

  it('waits in the waiting room, then meets the participants after admission', () => {
    msg({ type: 'waiting', peerId: 'me' });
    expect(engine.getSnapshot().status).toBe('waiting-room');
    msg({ type: 'admitted', peerId: 'me' });
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'psy', name: 'Dr A', role: 'psychologist' }] });
    const s = engine.getSnapshot();
    expect(s.waitingRoom).toBe(false);
    expect(s.participants.map((p) => [p.peerId, p.name])).toEqual([['psy', 'Dr A']]);
    expect(engine.links.get('psy').polite).toBe(false);
    expect(s.status).toBe('connecting');
  });

  it('is polite towards a peer that joins after it', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    expect(engine.getSnapshot().status).toBe('waiting-participant');
    msg({ type: 'user-joined', peerId: 'c1', name: 'Client', role: 'client' });
    expect(engine.links.get('c1').polite).toBe(true);
  });

  it('keeps the psychologist waiting list and admits by peerId', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    msg({ type: 'user-waiting', peerId: 'c1', userId: 'u1', name: 'Client' });
    msg({ type: 'user-waiting', peerId: 'c1', userId: 'u1', name: 'Client' });
    expect(engine.getSnapshot().waitingList).toEqual([{ peerId: 'c1', userId: 'u1', name: 'Client' }]);
    engine.admit('c1');
    expect(engine.signaling.sent.at(-1)).toEqual({ type: 'admit', peerId: 'c1' });
    msg({ type: 'user-joined', peerId: 'c1', name: 'Client', role: 'client' });
    expect(engine.getSnapshot().waitingList).toEqual([]);
  });

  it('drops a waiting client who goes away', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    msg({ type: 'user-waiting', peerId: 'c1', userId: 'u1', name: 'Client' });
    msg({ type: 'user-left', peerId: 'c1', userId: 'u1', reason: 'disconnected' });
    expect(engine.getSnapshot().waitingList).toEqual([]);
    expect(engine.getSnapshot().participantLeft).toBeNull();
  });

  it('asks End/Wait when the last participant leaves, but not when they are replaced by their rejoin', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'Dr A' }] });
    const pc = engine.links.get('p1').pc;
    msg({ type: 'user-left', peerId: 'p1', reason: 'replaced' });
    expect(pc.closed).toBe(false); // retired: its media flows until the rejoin's link connects
    expect(engine.getSnapshot().participantLeft).toBeNull();
    msg({ type: 'user-joined', peerId: 'p2', name: 'Dr A' });
    msg({ type: 'user-left', peerId: 'p2', reason: 'left' });
    expect(engine.getSnapshot().participantLeft).toEqual({ name: 'Dr A', reason: 'left' });
    expect(engine.getSnapshot().participants).toEqual([]);
  });

  const connected = (link) => {
    link.pc.connectionState = 'connected';
    engine.handleLinkChange(link);
  };
  // what the stats poller reports once frames are decoded on a link
  const flowing = (link) => {
    connected(link);
    link.mediaFlowing = true;
    engine.handleMediaFlowing(link);
  };

  it('rebuilds every link on rejoin so no ghost remains', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', userId: 'u1', name: 'A' }, { peerId: 'p2', userId: 'u2', name: 'B' }] });
    const old = [...engine.links.values()].map((l) => l.pc);
    msg({ type: 'signaling-closed', code: 1006 });
    expect(engine.getSnapshot().status).toBe('reconnecting');
    msg({ type: 'existing-participants', peerId: 'me2', participants: [{ peerId: 'p3', userId: 'u2', name: 'B' }] });
    // A left meanwhile: its old link, never connected, is not shown; it closes with the rest
    expect(engine.getSnapshot().participants.map((p) => p.peerId)).toEqual(['p3']);
    expect(engine.getSnapshot().myPeerId).toBe('me2');
    engine.dispose();
    expect(old.every((pc) => pc.closed)).toBe(true);
  });

  it('keeps the media of the old link across a rejoin until media flows on the new link to the same user', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', userId: 'u1', name: 'Dr A' }] });
    const old = engine.links.get('p1');
    connected(old);
    msg({ type: 'signaling-closed', code: 1006 });
    msg({ type: 'existing-participants', peerId: 'me2', participants: [{ peerId: 'p9', userId: 'u1', name: 'Dr A' }] });
    expect(old.pc.closed).toBe(false);
    let s = engine.getSnapshot();
    expect(s.participants).toHaveLength(1);
    expect(s.participants[0]).toMatchObject({ peerId: 'p9', name: 'Dr A', connectionState: 'connected' });
    expect(s.participants[0].stream).toBe(old.remoteStream);
    expect(s.status).toBe('connected');
    expect(old.retired).toBe(true); // nothing more is negotiated on it

    const fresh = engine.links.get('p9');
    connected(fresh);
    expect(old.pc.closed).toBe(false); // connected, but its first frames are still to come
    expect(engine.getSnapshot().participants[0].stream).toBe(old.remoteStream);
    flowing(fresh);
    expect(old.pc.closed).toBe(true);
    s = engine.getSnapshot();
    expect(s.participants).toHaveLength(1);
    expect(s.participants[0].stream).toBe(fresh.remoteStream);
  });

  it('on the side that stayed, keeps the media of a peer whose instance was lost until its rejoin connects', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'c1', userId: 'u1', name: 'Client' }] });
    const old = engine.links.get('c1');
    connected(old);
    msg({ type: 'user-left', peerId: 'c1', userId: 'u1', reason: 'instance-lost' });
    expect(old.pc.closed).toBe(false);
    expect(engine.getSnapshot().participantLeft).toBeNull();
    expect(engine.getSnapshot().participants.map((p) => p.name)).toEqual(['Client']);
    msg({ type: 'user-joined', peerId: 'c2', userId: 'u1', name: 'Client' });
    flowing(engine.links.get('c2'));
    expect(old.pc.closed).toBe(true);
    expect(engine.getSnapshot().participants.map((p) => p.peerId)).toEqual(['c2']);
  });

  it('closes a retired link at once when media flowed on the new link to its user first', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'c1', userId: 'u1', name: 'Client' }] });
    const old = engine.links.get('c1');
    connected(old);
    msg({ type: 'user-joined', peerId: 'c2', userId: 'u1', name: 'Client' });
    flowing(engine.links.get('c2'));
    msg({ type: 'user-left', peerId: 'c1', userId: 'u1', reason: 'replaced' });
    expect(old.pc.closed).toBe(true);
  });

  it('closes a retired link that nothing replaces after a while', async () => {
    vi.useFakeTimers();
    try {
      msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'c1', userId: 'u1', name: 'Client' }] });
      const old = engine.links.get('c1');
      connected(old);
      msg({ type: 'user-left', peerId: 'c1', userId: 'u1', reason: 'instance-lost' });
      await vi.advanceTimersByTimeAsync(RETIRED_LINK_MS - 1);
      expect(old.pc.closed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(old.pc.closed).toBe(true);
      expect(engine.getSnapshot().participants).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a leftover link quietly when it fails while back in the waiting room', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'Dr A' }] });
    msg({ type: 'signaling-closed', code: 1006 });
    msg({ type: 'waiting', peerId: 'me2' });
    const link = engine.links.get('p1');
    link.failed = true;
    engine.handleLinkChange(link);
    const s = engine.getSnapshot();
    expect(s.connectionFailed).toBe(false);
    expect(s.participants).toEqual([]);
    expect(s.status).toBe('waiting-room');
  });

  it('creates the link when an offer overtakes the user-joined announcing its sender', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    msg({ type: 'offer', from: 'late', sdp: { type: 'offer', sdp: 'v=0' } });
    expect(engine.links.has('late')).toBe(true);
    expect(engine.links.get('late').polite).toBe(true);
  });

  it('marks its own chat messages', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    msg({ type: 'chat', from: 'me', name: 'Me', text: 'hi', at: '2026-11-24T10:00:00Z' });
    msg({ type: 'chat', from: 'p1', name: 'Dr A', text: 'hello', at: '2026-11-24T10:00:01Z' });
    expect(engine.getSnapshot().chat.map((c) => [c.text, c.mine])).toEqual([['hi', true], ['hello', false]]);
    expect(engine.sendChat('  ')).toBe(false);
    engine.sendChat(' thanks ');
    expect(engine.signaling.sent.at(-1)).toEqual({ type: 'chat', text: 'thanks' });
  });

  it('tries the join again when the service could not complete it', () => {
    vi.useFakeTimers();
    try {
      msg({ type: 'error', code: 'unavailable', message: 'bus down' });
      expect(engine.getSnapshot().notice).toMatch(/busy/);
      vi.advanceTimersByTime(2000);
      expect(engine.signaling.reconnected).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tries a rejoin again when a restarted service is not ready yet, mid-call', () => {
    vi.useFakeTimers();
    try {
      msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] });
      msg({ type: 'signaling-closed', code: 1006 });
      engine.signaling.reconnected = false;
      msg({ type: 'error', code: 'unavailable', message: 'not ready yet' });
      vi.advanceTimersByTime(2000);
      expect(engine.signaling.reconnected).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends the call on a final error', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] });
    engine.handleFatal({ code: 'replaced' });
    const s = engine.getSnapshot();
    expect(s.status).toBe('failed');
    expect(s.fatal.message).toMatch(/another window/);
    expect(engine.links.size).toBe(0);
  });

  it('stops frames with camera off and resumes with the camera track', async () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] });
    const pc = engine.links.get('p1').pc;
    engine.setCamera(false);
    await Promise.resolve();
    expect(pc.replaced).toBeNull();
    expect(stream.getVideoTracks()[0].enabled).toBe(false);
    engine.setCamera(true);
    await Promise.resolve();
    expect(pc.replaced).toBe(stream.getVideoTracks()[0]);
  });

  describe('TURN credential refresh', () => {
    // Credentials that live 600 s are refreshed 120 s (20 %) before they expire.
    const REFRESH_AT_MS = 480_000;

    async function joinedEngine() {
      const other = new CallEngine({ sessionId: 's4', localStream: new FakeStream([]), log: () => {} });
      await other.join();
      return other;
    }

    function deferred() {
      let resolve;
      let reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      return { promise, resolve, reject };
    }

    it('fetches fresh credentials before they expire and applies them to every link', async () => {
      vi.useFakeTimers();
      try {
        const other = await joinedEngine();
        other.handleMessage({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1' }] });
        Api.videoConfig.mockResolvedValueOnce({ iceServers: [{ urls: 'turn:fresh' }], ttl: 600 });
        await vi.advanceTimersByTimeAsync(REFRESH_AT_MS);
        expect(other.links.get('p1').pc.config.iceServers).toEqual([{ urls: 'turn:fresh' }]);
        other.dispose();
      } finally {
        vi.useRealTimers();
      }
    });

    it.each([
      ['answers', (answer) => answer.resolve({ iceServers: [], ttl: 600 })],
      ['fails', (answer) => answer.reject(new Error('502'))],
    ])('stays stopped when a refresh in flight as the call ends %s afterwards', async (_, settle) => {
      vi.useFakeTimers();
      try {
        const other = await joinedEngine();
        const answer = deferred();
        Api.videoConfig.mockReturnValueOnce(answer.promise);
        await vi.advanceTimersByTimeAsync(REFRESH_AT_MS);
        other.dispose();
        settle(answer);
        await vi.advanceTimersByTimeAsync(0);
        const calls = Api.videoConfig.mock.calls.length;
        await vi.advanceTimersByTimeAsync(3 * REFRESH_AT_MS);
        expect(Api.videoConfig.mock.calls.length).toBe(calls);
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('leaves without ending the session: the final report, media off, no end API', async () => {
    engine.store.set({ everConnected: true });
    Api.endCall.mockClear();
    await engine.leave();
    expect(Api.qualityReport).toHaveBeenCalled();
    expect(Api.endCall).not.toHaveBeenCalled();
    expect(engine.signaling.stopped).toBe(true);
    expect(stream.getTracks().every((t) => t.stopped)).toBe(true);
  });

  it('ends with the server duration and stops local media', async () => {
    engine.store.set({ everConnected: true });
    const result = await engine.end();
    expect(result.duration).toBe(12);
    expect(Api.endCall).toHaveBeenCalledWith('s1');
    expect(Api.qualityReport).toHaveBeenCalled();
    expect(engine.signaling.stopped).toBe(true);
    expect(stream.getTracks().every((t) => t.stopped)).toBe(true);
  });
});
