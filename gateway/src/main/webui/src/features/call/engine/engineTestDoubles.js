import { vi } from 'vitest';

// Minimal stand-ins for the browser's WebRTC objects and the engine's two collaborators: the
// engine's room logic is tested with these, the media path in a real browser (see README.md).
export class FakeStream {
  constructor(tracks = []) { this.tracks = tracks; }
  getTracks() { return this.tracks; }
  getAudioTracks() { return this.tracks.filter((t) => t.kind === 'audio'); }
  getVideoTracks() { return this.tracks.filter((t) => t.kind === 'video'); }
  addTrack(t) { this.tracks.push(t); }
}

export class FakePc {
  static all = [];
  constructor(config) {
    this.config = config;
    this.connectionState = 'new';
    this.signalingState = 'stable';
    this.closed = false;
    FakePc.all.push(this);
  }
  addTrack(track) {
    let parameters = { encodings: [{ active: true }] };
    const sender = {
      track,
      replaceTrack: async (t) => { this.replaced = t; sender.track = t; },
      getParameters: () => parameters,
      setParameters: async (p) => { parameters = p; },
    };
    return sender;
  }
  addTransceiver() { return { sender: { track: null, replaceTrack: async () => {} } }; }
  close() { this.closed = true; this.connectionState = 'closed'; }
  setConfiguration(c) { this.config = c; }
  restartIce() {}
  async getStats() { return new Map(); }
}

export const track = (kind) => ({ kind, enabled: true, stop() { this.stopped = true; }, getSettings: () => ({}) });

/** The shared/api/client.js module as the engine sees it (for vi.mock). */
export function apiModule() {
  return {
    Api: {
      videoConfig: vi.fn(async () => ({ iceServers: [{ urls: 'stun:x' }], ttl: 600 })),
      generateRoom: vi.fn(async () => ({ roomId: 'r1', ticket: 'ticket-1' })),
      startCall: vi.fn(async () => ({})),
      endCall: vi.fn(async () => ({ duration: 12 })),
      qualityReport: vi.fn(async () => ({})),
      callSession: vi.fn(async () => ({ session: {} })),
    },
  };
}

/** The SignalingClient.js module: records what the engine sends and asks (for vi.mock). */
export function signalingModule() {
  return {
    signalingUrl: (sessionId) => `ws://gateway/ws/signaling?session=${sessionId}`,
    SignalingClient: class {
      constructor(opts) { this.opts = opts; this.sent = []; }
      start(ticket) { this.ticket = ticket; }
      send(m) { this.sent.push(m); return true; }
      stop() { this.stopped = true; }
      reconnectNow() { this.reconnected = true; }
      socket() { return null; }
    },
  };
}

/** Browser globals stubbed and an engine for session s1 joined with audio and video. */
export async function joinedEngine(CallEngine) {
  FakePc.all = [];
  vi.stubGlobal('RTCPeerConnection', FakePc);
  vi.stubGlobal('MediaStream', FakeStream);
  vi.stubGlobal('window', { });
  vi.stubGlobal('performance', { now: () => Date.now() });
  const stream = new FakeStream([track('audio'), track('video')]);
  const engine = new CallEngine({ sessionId: 's1', localStream: stream, log: () => {} });
  await engine.join();
  return { engine, stream };
}

/** A link whose peer connection reports connected. */
export function connected(engine, link) {
  link.pc.connectionState = 'connected';
  engine.handleLinkChange(link);
}

/** What the stats poller reports once frames are decoded on a link. */
export function flowing(engine, link) {
  connected(engine, link);
  link.mediaFlowing = true;
  engine.handleMediaFlowing(link);
}
