import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeerLink } from './PeerLink.js';
import { FakeStream, track } from './engineTestDoubles.js';

/** A peer connection that records the order of the calls the link makes, each taking a moment. */
class RecordingPc {
  constructor() {
    this.calls = [];
    this.signalingState = 'stable';
    this.connectionState = 'new';
  }
  addTrack(t) { return { track: t, replaceTrack: async () => {} }; }
  addTransceiver() { return { sender: { track: null, replaceTrack: async () => {} } }; }
  async later(name, then) {
    this.calls.push(`${name} start`);
    await new Promise((resolve) => { setTimeout(resolve, 5); });
    then?.();
    this.calls.push(`${name} end`);
  }
  setRemoteDescription(d) {
    return this.later(`remote ${d.type}`, () => { this.signalingState = 'have-remote-offer'; this.currentRemoteDescription = d; });
  }
  setLocalDescription() {
    return this.later('local answer', () => {
      this.signalingState = 'stable';
      this.localDescription = { toJSON: () => ({ type: 'answer', sdp: 'a=setup:active' }) };
      this.currentLocalDescription = { type: 'answer', sdp: 'a=setup:active' };
    });
  }
  addIceCandidate(c) { return this.later(`candidate ${c?.candidate}`); }
  restartIce() { this.calls.push('restartIce'); }
  close() {}
}

describe('PeerLink', () => {
  afterEach(() => vi.unstubAllGlobals());

  const newLink = (sent) => {
    vi.stubGlobal('RTCPeerConnection', RecordingPc);
    vi.stubGlobal('MediaStream', FakeStream);
    vi.stubGlobal('performance', { now: () => Date.now() });
    return new PeerLink({
      peerId: 'p2', polite: true, rtcConfig: {}, localStream: new FakeStream([track('audio'), track('video')]),
      send: (m) => sent.push(m), onChange: () => {},
    });
  };

  it('asks the first offerer to restart ICE when it answered the first offer, and restarts nothing itself', async () => {
    const sent = [];
    const link = newLink(sent);
    await link.handleDescription({ type: 'offer', sdp: 'a=setup:actpass' }); // the first offer, answered

    link.pc.restartIce(); // as the stats poller, the ICE recovery and the tests call it
    expect(link.pc.calls).not.toContain('restartIce');
    expect(sent.at(-1)).toEqual({ type: 'ice-candidate', to: 'p2', candidate: { iceRestart: 'requested' } });
  });

  it('restarts ICE itself when it made the first offer, and when the other side asks', async () => {
    const link = newLink([]);
    link.offeredFirst = true;
    link.pc.restartIce();
    expect(link.pc.calls).toEqual(['restartIce']);

    await link.handleCandidate(JSON.parse(JSON.stringify({ iceRestart: 'requested' })));
    expect(link.pc.calls).toEqual(['restartIce', 'restartIce']); // never handed to addIceCandidate
    clearTimeout(link.firstOfferTimer);
  });

  it("adds an ICE restart's candidates only after its offer has been answered", async () => {
    vi.stubGlobal('RTCPeerConnection', RecordingPc);
    vi.stubGlobal('MediaStream', FakeStream);
    vi.stubGlobal('performance', { now: () => Date.now() });
    const sent = [];
    const link = new PeerLink({
      peerId: 'p2', polite: false, rtcConfig: {}, localStream: new FakeStream([track('audio'), track('video')]),
      send: (m) => sent.push(m), onChange: () => {},
    });

    // as the signaling socket delivers them: the offer, then at once its candidates
    const offer = link.handleDescription({ type: 'offer', sdp: 'a=setup:active' });
    const candidates = [link.handleCandidate({ candidate: 'c1' }), link.handleCandidate({ candidate: 'c2' })];
    await Promise.all([offer, ...candidates]);

    expect(link.pc.calls).toEqual([
      'remote offer start', 'remote offer end', 'local answer start', 'local answer end',
      'candidate c1 start', 'candidate c1 end', 'candidate c2 start', 'candidate c2 end',
    ]);
    expect(sent.map((m) => m.type)).toEqual(['answer']);
  });
});
