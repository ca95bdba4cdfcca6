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
  setRemoteDescription(d) { return this.later(`remote ${d.type}`, () => { this.signalingState = 'have-remote-offer'; }); }
  setLocalDescription() {
    return this.later('local answer', () => {
      this.signalingState = 'stable';
      this.localDescription = { toJSON: () => ({ type: 'answer', sdp: 'a=setup:active' }) };
    });
  }
  addIceCandidate(c) { return this.later(`candidate ${c?.candidate}`); }
  close() {}
}

describe('PeerLink', () => {
  afterEach(() => vi.unstubAllGlobals());

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
