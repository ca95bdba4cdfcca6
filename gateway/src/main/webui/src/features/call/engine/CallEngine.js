import { Api } from '../../../shared/api/client.js';
import { currentToken } from '../../../shared/api/tokenStore.js';
import { refreshDelayMs, rtcConfiguration } from './credentials.js';
import { aggregateConnectionState, isPolite } from './negotiation.js';
import { QualityTracker, classifyQuality, computeMetrics, extractSample } from './networkQuality.js';
import { MetricsAverager, buildQualityReport } from './qualityReport.js';
import { PeerLink } from './PeerLink.js';
import { SignalingClient } from './SignalingClient.js';
import { mediaConstraints } from './media.js';
import { clearActiveEngine, setActiveEngine } from '../../../shared/activeCall.js';

const STATS_INTERVAL_MS = 2000;
/** A link that has not connected by then counts as failed. */
const CONNECT_TIMEOUT_MS = 30_000;
/** A link still not connected by then restarts ICE once: gathering may have found no usable candidate (e.g. a TURN allocation refused). */
const EARLY_RESTART_MS = 7_000;
const LEVEL_ORDER = { unknown: 0, good: 1, fair: 2, poor: 3 };
const MAX_CHAT = 200;

/**
 * Everything a call needs outside React: the signaling socket, one PeerLink per remote peer
 * (a mesh in group sessions), local media, stats polling, credential refresh and the
 * quality reports. The UI subscribes to immutable snapshots.
 */
export class CallEngine {
  constructor({ sessionId, localStream, forcedPolicy = null, log = (m) => console.debug('[call]', m) }) {
    this.sessionId = sessionId;
    this.localStream = localStream;
    this.forcedPolicy = forcedPolicy;
    this.log = log;
    this.links = new Map();
    this.meta = new Map();
    this.listeners = new Set();
    this.screenTrack = null;
    this.stats = new Map();
    this.averager = new MetricsAverager();
    this.reported = { connected: false, failed: false };
    this.disposed = false;
    this.state = {
      signaling: 'connecting',
      inRoom: false,
      waitingRoom: false,
      myPeerId: null,
      roomId: null,
      participants: [],
      waitingList: [],
      chat: [],
      quality: { level: 'unknown' },
      audioOnlySuggestion: 0,
      cameraOn: localStream?.getVideoTracks().some((t) => t.enabled) ?? false,
      micOn: localStream?.getAudioTracks().some((t) => t.enabled) ?? false,
      hasCamera: (localStream?.getVideoTracks().length ?? 0) > 0,
      screenSharing: false,
      callStartedAt: null,
      everConnected: false,
      participantLeft: null,
      connectionFailed: false,
      fatal: null,
      notice: null,
      status: 'connecting',
    };
    this.snapshot = { ...this.state };
  }

  // ---- store for useSyncExternalStore ----
  subscribe = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  set(patch) {
    Object.assign(this.state, patch);
    this.emit();
  }

  emit() {
    const participants = [...this.links.values()].map((link) => {
      const m = this.meta.get(link.peerId) ?? {};
      return {
        peerId: link.peerId,
        name: m.name ?? 'Participant',
        role: m.role ?? null,
        userId: m.userId ?? null,
        stream: link.remoteStream,
        connectionState: link.connectionState,
        videoMuted: link.remoteVideoMuted || link.remoteVideoStalled,
      };
    });
    this.state.participants = participants;
    this.state.status = this.bannerStatus();
    this.snapshot = { ...this.state };
    this.listeners.forEach((l) => l());
  }

  bannerStatus() {
    const s = this.state;
    if (s.fatal) return 'failed';
    if (s.connectionFailed) return 'failed';
    if (s.signaling === 'reconnecting') return 'reconnecting';
    if (s.waitingRoom) return 'waiting-room';
    if (!s.inRoom) return 'connecting';
    if (this.links.size === 0) return 'waiting-participant';
    const agg = aggregateConnectionState([...this.links.values()].map((l) => l.connectionState));
    return agg === 'none' ? 'waiting-participant' : agg;
  }

  // ---- lifecycle ----
  async join() {
    setActiveEngine(this);
    this.joinClickedAt = performance.now();
    const roomPromise = Api.generateRoom(this.sessionId);
    // The signaling handshake starts alongside both requests; messages wait for the ICE config
    // (links need it) and keep their order.
    this.configReady = Api.videoConfig().then((value) => this.applyConfig(value), (error) => this.applyConfig(null, error));
    this.signaling = new SignalingClient({
      getToken: currentToken,
      fetchTicket: async () => (await Api.generateRoom(this.sessionId)).ticket,
      onMessage: (msg) => { this.configReady.then(() => this.handleMessage(msg)); },
      onStatus: (status) => this.set({ signaling: status }),
      onFatal: (err) => { this.configReady.then(() => this.handleFatal(err)); },
    });
    const ticket = roomPromise.then((r) => r.ticket);
    ticket.catch(() => { /* a refusal surfaces through join() below */ });
    this.signaling.start(ticket);
    let room;
    try {
      [room] = await Promise.all([roomPromise, this.configReady]);
    } catch (e) {
      this.signaling.stop();
      throw e;
    }
    if (this.disposed) return;
    this.state.roomId = room.roomId;
    this.scheduleCredentialRefresh();
    this.statsTimer = setInterval(() => this.pollStats(), STATS_INTERVAL_MS);
  }

  applyConfig(config, error) {
    if (error) {
      // Without the credentials service the call can still connect directly (no relay); the
      // refresh timer keeps trying to get credentials.
      this.log(`ICE config unavailable: ${error.message}`);
      this.config = { iceServers: [], ttl: 60 };
      this.set({ notice: 'The relay server is unavailable; the call may not connect on restrictive networks.' });
    } else {
      this.config = config;
    }
  }

  rtcConfig() {
    return rtcConfiguration(this.config, this.forcedPolicy);
  }

  scheduleCredentialRefresh() {
    clearTimeout(this.refreshTimer);
    const delay = refreshDelayMs(this.config);
    if (delay === null || delay > 2 ** 31 - 1) return;
    this.refreshTimer = setTimeout(async () => {
      try {
        this.config = await Api.videoConfig();
        for (const link of this.links.values()) link.setConfiguration(this.rtcConfig());
        this.log('TURN credentials refreshed');
        this.scheduleCredentialRefresh();
      } catch (e) {
        this.log(`credential refresh failed: ${e.message}`);
        this.refreshTimer = setTimeout(() => this.scheduleCredentialRefresh(), 10_000);
      }
    }, delay);
  }

  handleFatal(err) {
    const messages = {
      'room-full': 'This call already has the maximum number of participants.',
      replaced: 'You joined this call from another window or device, so this one was disconnected.',
      'invalid-ticket': 'Your access to this call could not be verified. Please go back and join again.',
    };
    this.closeLinks();
    this.set({ fatal: { code: err.code, message: messages[err.code] || err.message || 'The call cannot continue.' }, inRoom: false });
  }

  // ---- signaling messages ----
  handleMessage(msg) {
    if (this.disposed) return;
    switch (msg.type) {
      case 'existing-participants': {
        // A (re)join: the server gave us a new peerId and the others dropped our old one,
        // so every link is rebuilt; we are the newcomer and make the offers.
        this.closeLinks();
        this.state.waitingList = [];
        this.set({ myPeerId: msg.peerId, roomId: msg.roomId ?? this.state.roomId, inRoom: true, waitingRoom: false, connectionFailed: false, signaling: 'open' });
        for (const p of msg.participants ?? []) {
          this.meta.set(p.peerId, p);
          this.createLink(p.peerId, { newcomer: true });
        }
        this.emit();
        break;
      }
      case 'waiting':
        this.set({ myPeerId: msg.peerId, waitingRoom: true, inRoom: false, signaling: 'open' });
        break;
      case 'admitted':
        this.set({ waitingRoom: false });
        break;
      case 'user-joined':
        this.meta.set(msg.peerId, { peerId: msg.peerId, userId: msg.userId, name: msg.name, role: msg.role });
        this.state.waitingList = this.state.waitingList.filter((w) => w.peerId !== msg.peerId);
        if (!this.links.has(msg.peerId)) this.createLink(msg.peerId, { newcomer: false });
        this.set({ participantLeft: null });
        break;
      case 'user-waiting':
        if (!this.state.waitingList.some((w) => w.peerId === msg.peerId)) {
          this.set({ waitingList: [...this.state.waitingList, { peerId: msg.peerId, userId: msg.userId, name: msg.name }] });
        }
        break;
      case 'user-left': {
        const waitingBefore = this.state.waitingList.length;
        this.state.waitingList = this.state.waitingList.filter((w) => w.peerId !== msg.peerId);
        const link = this.links.get(msg.peerId);
        const name = this.meta.get(msg.peerId)?.name;
        if (link) {
          link.close();
          this.links.delete(msg.peerId);
          this.stats.delete(msg.peerId);
          if (msg.reason !== 'replaced' && this.links.size === 0) {
            this.set({ participantLeft: { name: name ?? 'The other participant', reason: msg.reason } });
          }
        }
        this.meta.delete(msg.peerId);
        if (link || waitingBefore !== this.state.waitingList.length) this.emit();
        break;
      }
      case 'offer':
      case 'answer': {
        let link = this.links.get(msg.from);
        // An offer may overtake the user-joined announcing its sender.
        if (!link && msg.type === 'offer') link = this.createLink(msg.from, { newcomer: false });
        link?.handleDescription(msg.sdp).catch((e) => this.log(`negotiation with ${msg.from} failed: ${e}`));
        break;
      }
      case 'ice-candidate':
        this.links.get(msg.from)?.handleCandidate(msg.candidate);
        break;
      case 'chat': {
        const entry = { id: `${msg.at}-${msg.from}-${this.state.chat.length}`, from: msg.from, name: msg.name, text: msg.text, at: msg.at, mine: msg.from === this.state.myPeerId };
        this.set({ chat: [...this.state.chat, entry].slice(-MAX_CHAT) });
        break;
      }
      case 'error':
        this.log(`signaling error ${msg.code}: ${msg.message}`);
        // not-in-room and bad-message mostly follow a peer that just left (late candidates):
        // nothing the user can act on, so they are only logged.
        if (msg.code === 'unavailable' || msg.code === 'rate-limited') {
          this.set({ notice: 'The call service is busy; retrying…' });
          // A join the server could not complete is tried again on a fresh connection: the first
          // join, and a rejoin after a lost socket (inRoom stays true while media flows on).
          const joined = this.state.signaling === 'open' && (this.state.inRoom || this.state.waitingRoom);
          if (msg.code === 'unavailable' && !joined) {
            clearTimeout(this.rejoinTimer);
            this.rejoinTimer = setTimeout(() => this.signaling?.reconnectNow(), 2000);
          }
        }
        break;
      case 'signaling-closed':
        // Media keeps flowing peer to peer; links are rebuilt when the rejoin lands.
        this.set({ signaling: 'reconnecting' });
        break;
      default:
        break;
    }
  }

  createLink(peerId, { newcomer }) {
    const link = new PeerLink({
      peerId,
      polite: isPolite({ newcomer }),
      rtcConfig: this.rtcConfig(),
      localStream: this.localStream,
      outgoingVideoTrack: this.outgoingVideoTrack(),
      send: (m) => this.signaling?.send(m),
      onChange: (l) => this.handleLinkChange(l),
      log: this.log,
    });
    this.links.set(peerId, link);
    this.emit();
    return link;
  }

  outgoingVideoTrack() {
    if (this.screenTrack) return this.screenTrack;
    if (!this.state.cameraOn) return null;
    return this.localStream?.getVideoTracks()[0] ?? null;
  }

  handleLinkChange(link) {
    if (!this.links.has(link.peerId) || this.links.get(link.peerId) !== link) return;
    if (link.pc.connectionState === 'connected' && !this.state.everConnected) {
      this.state.everConnected = true;
      this.state.callStartedAt = Date.now();
      Api.startCall(this.sessionId)
        .then((res) => {
          // The timer counts from the session's first start, so a rejoin (e.g. after a reload) keeps the real duration.
          const started = Date.parse(res?.session?.videoCallStarted ?? '');
          if (Number.isFinite(started) && started <= Date.now()) this.set({ callStartedAt: started });
        })
        .catch((e) => this.log(`start call: ${e.message}`));
    }
    if (link.pc.connectionState === 'connected' && !this.reported.connected) {
      this.reported.connected = true;
      this.reportOnConnect(link);
    }
    if (link.failed && this.state.waitingRoom) {
      // A link left over from before the room was lost (e.g. a signaling restart) cannot be
      // renegotiated from the waiting room: drop it quietly; admission builds a new one.
      link.close();
      this.links.delete(link.peerId);
      this.stats.delete(link.peerId);
    } else if (link.failed && !this.state.connectionFailed) {
      this.reportFailure(link);
      this.state.connectionFailed = true;
    }
    this.emit();
  }

  async reportOnConnect(link) {
    this.timeToConnectMs = link.connectedAt - link.createdAt;
    let sample = null;
    try { sample = extractSample(await link.pc.getStats(), performance.now()); } catch { /* report without stats */ }
    this.postQuality({
      outcome: 'connected',
      timeToConnectMs: this.timeToConnectMs,
      candidateType: sample?.candidateType,
      rttMs: sample?.rttMs ?? undefined,
    });
  }

  reportFailure(link) {
    if (this.reported.failed || this.reported.connected) return;
    this.reported.failed = true;
    this.postQuality({ outcome: 'failed', timeToConnectMs: performance.now() - link.createdAt });
  }

  postQuality(fields) {
    return Api.qualityReport(this.sessionId, buildQualityReport(fields)).catch((e) => this.log(`quality report: ${e.message}`));
  }

  async pollStats() {
    if (this.disposed) return;
    let worst = null;
    let changed = false;
    for (const link of this.links.values()) {
      if (link.connectedAt === null && !link.earlyRestartDone && performance.now() - link.createdAt > EARLY_RESTART_MS) {
        link.earlyRestartDone = true;
        this.log(`no connection to ${link.peerId} yet; restarting ICE`);
        link.pc.restartIce();
      }
      if (link.connectedAt === null && !link.failed && performance.now() - link.createdAt > CONNECT_TIMEOUT_MS) {
        link.failed = true;
        this.handleLinkChange(link);
      }
      if (link.pc.connectionState !== 'connected') continue;
      let report;
      try { report = await link.pc.getStats(); } catch { continue; }
      const entry = this.stats.get(link.peerId) ?? { tracker: new QualityTracker(), previous: null };
      const sample = extractSample(report, performance.now());
      const metrics = computeMetrics(entry.previous, sample);
      // No new frames between two polls: the other side's camera is off (its sender carries no
      // track) or the video froze; the tile then shows the name instead of a stale picture.
      const stalled = entry.previous !== null && sample.framesDecoded === entry.previous.framesDecoded;
      if (stalled !== link.remoteVideoStalled) {
        link.remoteVideoStalled = stalled;
        changed = true;
      }
      entry.previous = sample;
      this.stats.set(link.peerId, entry);
      const result = entry.tracker.update(classifyQuality(metrics));
      if (result.changed) link.applyBitrateLevel(result.level);
      if (result.suggestAudioOnly && this.state.cameraOn) this.state.audioOnlySuggestion += 1;
      this.averager.add(metrics);
      this.lastCandidateType = sample.candidateType ?? this.lastCandidateType;
      const q = { level: result.level, rttMs: metrics.rttMs, packetLoss: metrics.packetLoss, bitrateKbps: metrics.bitrateKbps, candidateType: sample.candidateType };
      if (!worst || LEVEL_ORDER[q.level] > LEVEL_ORDER[worst.level]) worst = q;
    }
    if (worst) this.set({ quality: worst });
    else if (changed) this.emit();
  }

  // ---- controls ----
  setCamera(on) {
    const camera = this.localStream?.getVideoTracks()[0];
    if (!camera) return;
    camera.enabled = on;
    this.state.cameraOn = on;
    // Replacing with null stops frames entirely (a disabled track would still send black ones).
    if (!this.screenTrack) for (const link of this.links.values()) link.replaceVideoTrack(on ? camera : null);
    this.emit();
  }

  toggleCamera() { this.setCamera(!this.state.cameraOn); }

  toggleMic() {
    const tracks = this.localStream?.getAudioTracks() ?? [];
    const on = !this.state.micOn;
    tracks.forEach((t) => { t.enabled = on; });
    this.set({ micOn: on });
  }

  /** Switches the camera or microphone mid-call: the new track replaces the old one on every link. */
  async switchDevice(kind, deviceId) {
    const constraints = mediaConstraints(kind === 'video' ? { cameraId: deviceId } : { micId: deviceId });
    const fresh = await navigator.mediaDevices.getUserMedia(kind === 'video'
      ? { video: constraints.video, audio: false }
      : { audio: constraints.audio, video: false });
    const track = kind === 'video' ? fresh.getVideoTracks()[0] : fresh.getAudioTracks()[0];
    const old = kind === 'video' ? this.localStream.getVideoTracks()[0] : this.localStream.getAudioTracks()[0];
    track.enabled = kind === 'video' ? this.state.cameraOn : this.state.micOn;
    const others = this.localStream.getTracks().filter((t) => t !== old);
    // A new stream object, so the local preview re-renders with the new camera.
    this.localStream = new MediaStream([...others, track]);
    for (const link of this.links.values()) {
      if (kind === 'audio') link.audioSender?.replaceTrack(track);
      else if (!this.screenTrack && this.state.cameraOn) link.replaceVideoTrack(track);
    }
    old?.stop();
    this.set({ hasCamera: this.localStream.getVideoTracks().length > 0 });
  }

  currentDeviceId(kind) {
    const track = kind === 'video' ? this.localStream?.getVideoTracks()[0] : this.localStream?.getAudioTracks()[0];
    return track?.getSettings().deviceId ?? '';
  }

  async startScreenShare() {
    if (this.screenTrack) return;
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    if ('contentHint' in track) track.contentHint = 'detail';
    this.screenTrack = track;
    // The browser's own "Stop sharing" button ends the track.
    track.addEventListener('ended', () => this.stopScreenShare());
    await Promise.all([...this.links.values()].map((l) => l.replaceVideoTrack(track)));
    this.set({ screenSharing: true, screenStream: display });
  }

  async stopScreenShare() {
    const track = this.screenTrack;
    if (!track) return;
    this.screenTrack = null;
    track.stop();
    const back = this.outgoingVideoTrack();
    await Promise.all([...this.links.values()].map((l) => l.replaceVideoTrack(back)));
    this.set({ screenSharing: false, screenStream: null });
  }

  sendChat(text) {
    const t = String(text ?? '').trim().slice(0, 2000);
    if (!t) return false;
    return this.signaling?.send({ type: 'chat', text: t }) ?? false;
  }

  admit(peerId) {
    this.signaling?.send({ type: 'admit', peerId });
  }

  dismissParticipantLeft() { this.set({ participantLeft: null }); }

  dismissNotice() { this.set({ notice: null }); }

  retry() {
    for (const link of this.links.values()) link.failed = false;
    this.set({ connectionFailed: false });
    this.signaling?.reconnectNow();
  }

  closeLinks() {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.stats.clear();
    this.meta.clear();
  }

  callSeconds() {
    return this.state.callStartedAt ? (Date.now() - this.state.callStartedAt) / 1000 : 0;
  }

  /** Ends the call for this participant: the end-of-call report, leave-room, the end API. */
  async end() {
    const seconds = this.callSeconds();
    if (this.state.everConnected) {
      const avg = this.averager.averages();
      await this.postQuality({ outcome: 'connected', timeToConnectMs: this.timeToConnectMs, candidateType: this.lastCandidateType, ...avg });
    }
    this.dispose();
    let result = null;
    try {
      result = await Api.endCall(this.sessionId);
    } catch (e) {
      this.log(`end call: ${e.message}`);
      try { result = { duration: (await Api.callSession(this.sessionId))?.session?.callDuration }; } catch { /* local timer */ }
    }
    return { duration: result?.duration, seconds };
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.statsTimer);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.rejoinTimer);
    this.signaling?.stop();
    this.closeLinks();
    this.screenTrack?.stop();
    this.localStream?.getTracks().forEach((t) => t.stop());
    clearActiveEngine(this);
  }
}
