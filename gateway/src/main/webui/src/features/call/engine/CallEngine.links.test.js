import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStream, connected as connectedIn, flowing as flowingIn, joinedEngine } from './engineTestDoubles.js';

vi.mock('../../../shared/api/client.js', async () => (await import('./engineTestDoubles.js')).apiModule());
vi.mock('./SignalingClient.js', async () => (await import('./engineTestDoubles.js')).signalingModule());

const { CallEngine } = await import('./CallEngine.js');
const { RETIRED_LINK_MS } = await import('./linkManager.js');
const { Api } = await import('../../../shared/api/client.js');

/** Links across a rejoin (make-before-break) and their ICE servers over a long call. */
describe('CallEngine links', () => {
  let engine;

  beforeEach(async () => {
    ({ engine } = await joinedEngine(CallEngine));
  });

  afterEach(() => {
    engine.dispose();
    vi.unstubAllGlobals();
  });

  const connected = (link) => connectedIn(engine, link);
  const flowing = (link) => flowingIn(engine, link);
  const msg = (m) => engine.handleMessage(m);

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

  it("gives each link of a group's mesh its share of the upload, and more again when someone leaves", async () => {
    const videoEncoding = (peerId) => engine.links.get(peerId).videoSender.getParameters().encodings[0];
    msg({ type: 'existing-participants', peerId: 'me', participants: [
      { peerId: 'p1', userId: 'u1', name: 'A' }, { peerId: 'p2', userId: 'u2', name: 'B' }, { peerId: 'p3', userId: 'u3', name: 'C' }] });
    await Promise.resolve();
    for (const peerId of ['p1', 'p2', 'p3']) {
      expect(videoEncoding(peerId)).toMatchObject({ maxBitrate: 500_000, scaleResolutionDownBy: 2 });
    }
    msg({ type: 'user-left', peerId: 'p3', reason: 'left' });
    await Promise.resolve();
    expect(videoEncoding('p1')).toMatchObject({ maxBitrate: 750_000, scaleResolutionDownBy: 1.5 });
    msg({ type: 'user-left', peerId: 'p2', reason: 'left' });
    await Promise.resolve();
    expect(videoEncoding('p1').maxBitrate).toBeUndefined();
    expect(videoEncoding('p1').scaleResolutionDownBy).toBe(1);
  });

  it("gives a camera turned on after the mesh was made its link's share too", async () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [
      { peerId: 'p1', userId: 'u1', name: 'A' }, { peerId: 'p2', userId: 'u2', name: 'B' }, { peerId: 'p3', userId: 'u3', name: 'C' }] });
    const link = engine.links.get('p1');
    const camera = link.videoSender.track;
    await link.replaceVideoTrack(null);
    link.videoSender.setParameters({ encodings: [{ active: true }] }); // as a browser may hold them while no track is sent
    await link.replaceVideoTrack(camera);
    expect(link.videoSender.getParameters().encodings[0]).toMatchObject({ maxBitrate: 500_000, scaleResolutionDownBy: 2 });
  });
});
