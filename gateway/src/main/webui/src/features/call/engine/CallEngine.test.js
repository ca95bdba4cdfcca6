import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStream, connected as connectedIn, flowing as flowingIn, joinedEngine } from './engineTestDoubles.js';

vi.mock('../../../shared/api/client.js', async () => (await import('./engineTestDoubles.js')).apiModule());
vi.mock('./SignalingClient.js', async () => (await import('./engineTestDoubles.js')).signalingModule());

const { CallEngine } = await import('./CallEngine.js');
const { Api } = await import('../../../shared/api/client.js');

describe('CallEngine room logic', () => {
  let engine;
  let stream;

  beforeEach(async () => {
    ({ engine, stream } = await joinedEngine(CallEngine));
  });

  afterEach(() => {
    engine.dispose();
    vi.unstubAllGlobals();
  });

  const connected = (link) => connectedIn(engine, link);
  const flowing = (link) => flowingIn(engine, link);
  const msg = (m) => engine.handleMessage(m);

  it('joins with the generate-room ticket and the config servers', async () => {
    expect(engine.signaling.opts.url).toBe('ws://gateway/ws/signaling?session=s1');
    expect(await engine.signaling.ticket).toBe('ticket-1');
    expect(engine.rtcConfig()).toEqual({ iceServers: [{ urls: 'stun:x' }], iceTransportPolicy: 'all', iceCandidatePoolSize: 1 });
  });

  it('makes its newcomer link while joining: the offer made before admission goes to the peer the room names', async () => {
    const prepared = engine.links.prepared;
    expect(prepared).not.toBeNull();
    prepared.send({ type: 'offer', to: null, sdp: { type: 'offer', sdp: 'o' } }); // as its negotiation does, peer unknown
    prepared.send({ type: 'ice-candidate', to: null, candidate: { candidate: 'c1' } });
    expect(engine.signaling.sent).toEqual([]);

    msg({ type: 'waiting', peerId: 'me' });
    msg({ type: 'admitted', peerId: 'me' });
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'psy', name: 'Dr A', role: 'psychologist' }] });

    expect(engine.links.get('psy')).toBe(prepared);
    expect(prepared.pc.closed).toBe(false);
    expect(engine.signaling.sent).toEqual([
      { type: 'offer', to: 'psy', sdp: { type: 'offer', sdp: 'o' } },
      { type: 'ice-candidate', to: 'psy', candidate: { candidate: 'c1' } },
    ]);
    expect(engine.links.prepared).toBeNull();
  });

  it('closes the prepared link when the join finds nobody, and answers the next peer politely', () => {
    const prepared = engine.links.prepared;
    msg({ type: 'existing-participants', peerId: 'me', participants: [] });
    expect(prepared.pc.closed).toBe(true);
    msg({ type: 'user-joined', peerId: 'c1', name: 'Client', role: 'client' });
    expect(engine.links.get('c1')).not.toBe(prepared);
    expect(engine.links.get('c1').polite).toBe(true);
  });

  it('closes the prepared link when TURN credentials are refreshed before it is used', () => {
    const prepared = engine.links.prepared;
    engine.credentials.apply({ iceServers: [{ urls: 'turn:y', username: 'u2', credential: 'c2' }], ttl: 600 });
    expect(prepared.pc.closed).toBe(true);
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'psy' }] });
    expect(engine.links.get('psy')).not.toBe(prepared);
    expect(engine.links.get('psy').pc.config.iceServers).toEqual([{ urls: 'turn:y', username: 'u2', credential: 'c2' }]);
  });

  it('turns the camera off on the prepared link too: nothing is sent from a camera turned off in the waiting room', () => {
    const prepared = engine.links.prepared;
    msg({ type: 'waiting', peerId: 'me' });
    engine.setCamera(false);
    expect(prepared.videoSender.track).toBeNull();
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'psy' }] });
    expect(engine.links.get('psy').videoSender.track).toBeNull();
  });

  it('closes the prepared link when the call is left before admission', () => {
    const prepared = engine.links.prepared;
    engine.dispose();
    expect(prepared.pc.closed).toBe(true);
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

  it('takes back the failure once a link that timed out connects after all', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'A' }, { peerId: 'p2', name: 'B' }] });
    const [slow, other] = [engine.links.get('p1'), engine.links.get('p2')];
    connected(other);
    slow.failed = true; // what the stats poller does after the connect timeout
    engine.handleLinkChange(slow);
    expect(engine.getSnapshot().status).toBe('failed');
    slow.pc.connectionState = 'connected';
    slow.handleConnectionState();
    const s = engine.getSnapshot();
    expect(s.connectionFailed).toBe(false);
    expect(s.status).toBe('connected');
    expect(s.participants.map((p) => p.connectionState)).toEqual(['connected', 'connected']);
  });

  it('stays failed while another link is still failed', () => {
    msg({ type: 'existing-participants', peerId: 'me', participants: [{ peerId: 'p1', name: 'A' }, { peerId: 'p2', name: 'B' }] });
    const [first, second] = [engine.links.get('p1'), engine.links.get('p2')];
    first.failed = true;
    second.failed = true;
    engine.handleLinkChange(first);
    first.pc.connectionState = 'connected';
    first.handleConnectionState();
    expect(engine.getSnapshot().status).toBe('failed');
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

  it('leaves without ending the session: the final report, media off, no end API', async () => {
    engine.store.set({ everConnected: true });
    Api.endCall.mockClear();
    await engine.leave();
    expect(Api.qualityReport).toHaveBeenCalled();
    expect(Api.endCall).not.toHaveBeenCalled();
    expect(engine.signaling.stopped).toBe(true);
    expect(stream.getTracks().every((t) => t.stopped)).toBe(true);
  });

  it('reports an end the server refused instead of passing it off as done', async () => {
    Api.endCall.mockRejectedValueOnce(Object.assign(new Error('401'), { detail: 'your sign-in has ended; please sign in again' }));
    Api.callSession.mockResolvedValueOnce({ session: { status: 'In Progress' } });
    const result = await engine.end();
    expect(result.endError).toBe('your sign-in has ended; please sign in again');
    expect(result.duration).toBeUndefined();
    expect(engine.signaling.stopped).toBe(true);
  });

  it('takes a lost answer to an end that happened as done, with the stored duration', async () => {
    Api.endCall.mockRejectedValueOnce(new Error('The server could not be reached.'));
    Api.callSession.mockResolvedValueOnce({ session: { status: 'Completed', callDuration: 31 } });
    expect(await engine.end()).toEqual({ duration: 31, seconds: expect.any(Number) });
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
