import { Api } from '../../../shared/api/client.js';
import { freshToken } from '../../../shared/api/session.js';
import { clearActiveEngine, setActiveEngine } from '../../../shared/activeCall.js';
import { createCallStore, initialCallState } from './callStore.js';
import { CredentialRefresh } from './credentialRefresh.js';
import { rtcConfiguration } from './credentials.js';
import { LinkManager } from './linkManager.js';
import { MediaControls } from './mediaControls.js';
import { reduceMessage } from './messageReducer.js';
import { aggregateConnectionState } from './negotiation.js';
import { QualityReports } from './qualityReport.js';
import { SignalingClient, signalingUrl } from './SignalingClient.js';
import { StatsPoller } from './statsPoller.js';
import { markSetup } from './setupTimeline.js';

/**
 * A call, for the UI: joins through the signaling socket and wires the parts together — the
 * store the UI subscribes to, the pure message reducer, the links (one per remote peer, a mesh in
 * group sessions), the stats poller, the media controls, the TURN credential refresh — and sends
 * the quality reports.
 */
export class CallEngine {
  constructor({ sessionId, localStream, forcedPolicy = null, log = (m) => console.debug('[call]', m) }) {
    this.sessionId = sessionId;
    this.forcedPolicy = forcedPolicy;
    this.log = log;
    this.disposed = false;
    this.quality = new QualityReports({ post: (body) => Api.qualityReport(sessionId, body), log });
    this.store = createCallStore(initialCallState(localStream), (state) => this.derived(state));
    this.media = new MediaControls({ localStream, links: () => this.links, state: this.store.get, update: this.store.set });
    this.links = new LinkManager({
      rtcConfig: () => this.rtcConfig(),
      localStream: () => this.media.localStream,
      outgoingVideoTrack: () => this.media.outgoingVideoTrack(),
      send: (m) => this.signaling?.send(m),
      onChange: (link) => this.handleLinkChange(link),
      log,
    });
    this.stats = new StatsPoller({
      links: () => this.links.values(),
      onTimeout: (link) => this.handleLinkChange(link),
      onPoll: (result) => this.applyPoll(result),
      onMediaFlowing: (link) => this.handleMediaFlowing(link),
      log,
    });
    this.credentials = new CredentialRefresh({
      fetchConfig: () => Api.videoConfig(),
      apply: (config) => {
        this.config = config;
        this.links.setConfiguration(this.rtcConfig());
      },
      log,
    });
  }

  // ---- store for useSyncExternalStore ----
  subscribe = (listener) => this.store.subscribe(listener);

  getSnapshot = () => this.store.getSnapshot();

  get localStream() { return this.media.localStream; }

  /** What the snapshot shows about the links: the participants and the banner status. */
  derived(state) {
    const participants = this.shownLinks(state).map(({ link, peer, media }) => ({
      peerId: link.peerId,
      name: peer.name ?? 'Participant',
      role: peer.role ?? null,
      userId: peer.userId ?? null,
      stream: media.remoteStream,
      connectionState: media.connectionState,
      videoMuted: media.remoteVideoMuted || media.remoteVideoStalled,
    }));
    return { participants, status: this.bannerStatus(state, participants) };
  }

  /**
   * One entry per participant: its current link, whose media is the retiring link's until media
   * is decoded on the new one (make-before-break across a signaling reconnect), or a connected retiring
   * link alone while its user has no new link yet.
   */
  shownLinks(state) {
    const meta = new Map(state.peers.map((p) => [p.peerId, p]));
    const shown = [...this.links.values()].map((link) => {
      const peer = meta.get(link.peerId) ?? {};
      // connected is not enough: the first frames come a moment later
      const old = link.mediaFlowing ? null : this.links.retiringFor(peer.userId);
      return { link, peer, media: old && old.link.connectionState === 'connected' ? old.link : link };
    });
    const reached = new Set(shown.map((s) => s.peer.userId ?? null));
    for (const { link, peer } of this.links.retiringLinks()) {
      // only while media flows on it: a peer that really left shows no frozen picture
      if (link.connectionState === 'connected' && !reached.has(peer.userId)) {
        reached.add(peer.userId);
        shown.push({ link, peer, media: link });
      }
    }
    return shown;
  }

  bannerStatus(s, participants) {
    if (s.fatal) return 'failed';
    if (s.connectionFailed) return 'failed';
    if (s.signaling === 'reconnecting') return 'reconnecting';
    if (s.waitingRoom) return 'waiting-room';
    if (!s.inRoom) return 'connecting';
    if (participants.length === 0) return 'waiting-participant';
    const agg = aggregateConnectionState(participants.map((p) => p.connectionState));
    return agg === 'none' ? 'waiting-participant' : agg;
  }

  // ---- lifecycle ----
  async join() {
    setActiveEngine(this);
    markSetup('join');
    const roomPromise = Api.generateRoom(this.sessionId);
    roomPromise.then(() => markSetup('room-ticket'), () => {});
    // The signaling handshake starts alongside both requests; messages wait for the ICE config
    // (links need it) and keep their order.
    this.configReady = Api.videoConfig().then((value) => this.applyConfig(value), (error) => this.applyConfig(null, error));
    // The newcomer's link (its offer, its candidates) is made while the join goes on; it runs
    // before any message, which waits for the same config.
    this.configReady.then(() => { if (!this.disposed) this.links.prepareOfferer(); });
    this.signaling = new SignalingClient({
      url: signalingUrl(this.sessionId),
      getToken: freshToken,
      fetchTicket: async () => (await Api.generateRoom(this.sessionId)).ticket,
      onMessage: (msg) => { this.configReady.then(() => this.handleMessage(msg)); },
      onStatus: (status) => this.store.set({ signaling: status }),
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
    this.store.set({ roomId: room.roomId });
    this.credentials.schedule(this.config);
    this.stats.start();
  }

  applyConfig(config, error) {
    markSetup('ice-config');
    if (error) {
      // Without the credentials service the call can still connect directly (no relay); the
      // refresh timer keeps trying to get credentials.
      this.log(`ICE config unavailable: ${error.message}`);
      this.config = { iceServers: [], ttl: 60 };
      this.store.set({ notice: 'The relay server is unavailable; the call may not connect on restrictive networks.' });
    } else {
      this.config = config;
    }
  }

  rtcConfig() {
    return rtcConfiguration(this.config, this.forcedPolicy);
  }

  handleFatal(err) {
    this.dispatch({ type: 'fatal', code: err.code, message: err.message });
  }

  // ---- signaling messages ----
  handleMessage(msg) {
    if (this.disposed) return;
    this.dispatch(msg);
  }

  /** Runs a message through the reducer, then its effects: links first, so the snapshot shows them. */
  dispatch(msg) {
    const { state, effects } = reduceMessage(this.store.get(), msg);
    for (const effect of effects) {
      if (effect.type === 'log') this.log(effect.message);
      else if (effect.type === 'rejoin-later') {
        clearTimeout(this.rejoinTimer);
        this.rejoinTimer = setTimeout(() => this.signaling?.reconnectNow(), 2000);
      } else {
        if (effect.type === 'disconnect' || effect.type === 'retire') this.stats.forget(effect.peerId);
        if (effect.type === 'disconnect-all' || effect.type === 'close-all') this.stats.clear();
        this.links.apply(effect);
        // the user's new link may carry media already when its old peerId leaves the room
        if (effect.type === 'retire' && this.flowingTo(state, effect.peer.userId)) this.links.settle(effect.peer.userId);
      }
    }
    // the join is answered: a link prepared for it that found nobody to offer to is not needed
    if (msg.type === 'existing-participants') this.links.dropPrepared();
    this.store.replace(state);
  }

  flowingTo(state, userId) {
    return state.peers.some((p) => p.userId === userId && this.links.get(p.peerId)?.mediaFlowing);
  }

  handleLinkChange(link) {
    if (!this.links.isCurrent(link)) {
      this.store.emit(); // a retiring link: its media may be what the page shows
      return;
    }
    const state = this.store.get();
    if (link.pc.connectionState === 'connected' && !state.everConnected) {
      this.store.set({ everConnected: true, callStartedAt: Date.now() });
      Api.startCall(this.sessionId)
        .then((res) => {
          // The timer counts from the session's first start, so a rejoin (e.g. after a reload) keeps the real duration.
          const started = Date.parse(res?.session?.videoCallStarted ?? '');
          if (Number.isFinite(started) && started <= Date.now()) this.store.set({ callStartedAt: started });
        })
        .catch((e) => this.log(`start call: ${e.message}`));
    }
    if (link.pc.connectionState === 'connected') this.quality.onConnected(link);
    if (link.failed && state.waitingRoom) {
      // A link left over from before the room was lost (e.g. a signaling restart) cannot be
      // renegotiated from the waiting room: drop it quietly; admission builds a new one.
      this.dispatch({ type: 'link-dropped', peerId: link.peerId });
      return;
    }
    if (link.failed && !state.connectionFailed) {
      this.quality.onFailure(link);
      this.store.set({ connectionFailed: true });
      return;
    }
    // A link that timed out may still connect (a slow start on a loaded device): the call is
    // no longer failed once no link is.
    if (state.connectionFailed && ![...this.links.values()].some((l) => l.failed)) {
      this.store.set({ connectionFailed: false });
      return;
    }
    this.store.emit();
  }

  /** Media decoded on `link`: if it replaces a retired link to the same user, that one can go now. */
  handleMediaFlowing(link) {
    if (this.disposed || !this.links.isCurrent(link)) return;
    this.links.settle(this.store.get().peers.find((p) => p.peerId === link.peerId)?.userId);
    this.store.emit();
  }

  applyPoll({ quality, stalledChanged, audioOnlyHints }) {
    if (this.disposed) return;
    const state = this.store.get();
    const patch = {};
    if (audioOnlyHints > 0 && state.cameraOn) patch.audioOnlySuggestion = state.audioOnlySuggestion + audioOnlyHints;
    if (quality) patch.quality = quality;
    if (quality || stalledChanged) this.store.set(patch);
  }

  // ---- controls ----
  setCamera(on) { this.media.setCamera(on); }

  toggleCamera() { this.media.toggleCamera(); }

  toggleMic() { this.media.toggleMic(); }

  switchDevice(kind, deviceId) { return this.media.switchDevice(kind, deviceId); }

  currentDeviceId(kind) { return this.media.currentDeviceId(kind); }

  startScreenShare() { return this.media.startScreenShare(); }

  stopScreenShare() { return this.media.stopScreenShare(); }

  sendChat(text) {
    const t = String(text ?? '').trim().slice(0, 2000);
    if (!t) return false;
    return this.signaling?.send({ type: 'chat', text: t }) ?? false;
  }

  admit(peerId) {
    markSetup('admit-sent');
    this.signaling?.send({ type: 'admit', peerId });
  }

  dismissParticipantLeft() { this.store.set({ participantLeft: null }); }

  dismissNotice() { this.store.set({ notice: null }); }

  retry() {
    for (const link of this.links.values()) link.failed = false;
    this.store.set({ connectionFailed: false });
    this.signaling?.reconnectNow();
  }

  callSeconds() {
    const { callStartedAt } = this.store.get();
    return callStartedAt ? (Date.now() - callStartedAt) / 1000 : 0;
  }

  /**
   * Leaves the call (hang up): the end-of-call report, then leave-room and media off. The session
   * stays open, so this participant may rejoin; the server completes it when the psychologist
   * ends it or once the room stays empty.
   */
  async leave() {
    const seconds = this.callSeconds();
    if (this.store.get().everConnected) {
      await this.quality.summary({ candidateType: this.stats.lastCandidateType, ...this.stats.averages() });
    }
    this.dispose();
    return { seconds };
  }

  /**
   * Ends the session for everyone (the psychologist only): leaves, then the end API. A refused or
   * lost end is never passed off as done: unless the session reads as ended, `endError` says why.
   */
  async end() {
    const { seconds } = await this.leave();
    try {
      const result = await Api.endCall(this.sessionId);
      return { duration: result?.duration, seconds };
    } catch (e) {
      this.log(`end call: ${e.message}`);
      let session = null;
      try { session = (await Api.callSession(this.sessionId))?.session; } catch { /* unknown: not ended */ }
      const ended = session?.status && !['Confirmed', 'In Progress'].includes(session.status);
      return ended ? { duration: session.callDuration, seconds } : { seconds, endError: e.detail || e.message };
    }
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.stats.stop();
    this.credentials.stop();
    clearTimeout(this.rejoinTimer);
    this.signaling?.stop();
    this.links.closeAll();
    this.stats.clear();
    this.media.stopAll();
    clearActiveEngine(this);
  }
}
