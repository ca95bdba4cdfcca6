import {
  answerKeepingDtlsRole, dtlsRoleOf, iceRecoveryAction, isIceRestartRequest, isOfferCollision, offerStatingDtlsRole,
  offeredFirst, shouldIgnoreOffer, DISCONNECTED_GRACE_MS, ICE_RESTART_REQUEST,
} from './negotiation.js';
import { cappedParameters } from './networkQuality.js';
import { markSetup } from './setupTimeline.js';

const count = (counts, type) => { counts[type] = (counts[type] ?? 0) + 1; };

/** How long the polite side waits for the newcomer's first offer before offering itself. */
const FIRST_OFFER_WAIT_MS = 4000;
/** ICE restarts tried before a link is declared failed. */
const MAX_ICE_RESTARTS = 3;

/**
 * One RTCPeerConnection to one remote peer, negotiated with the W3C perfect-negotiation
 * pattern. The newcomer (impolite) makes the first offer; the peer already in the room
 * (polite) answers, and yields when both offer at once (e.g. simultaneous ICE restarts).
 * A newcomer's link may be made before its peer is known (`peerId: null`, see
 * LinkManager.prepareOfferer): its offer and candidates wait for {@link bind}.
 */
export class PeerLink {
  constructor({ peerId, polite, rtcConfig, localStream, outgoingVideoTrack, send, onChange, log = () => {} }) {
    this.peerId = peerId;
    this.polite = polite;
    this.signals = { sent: {}, unsent: {}, received: {} }; // per message type, for the diagnosis of a slow link
    this.unbound = peerId === null ? [] : null; // what it would have sent before its peer was known
    this.send = (msg) => {
      if (this.unbound) {
        this.unbound.push(msg);
        return true;
      }
      const sent = send(msg) !== false;
      count(sent ? this.signals.sent : this.signals.unsent, msg.type);
      return sent;
    };
    this.onChange = onChange;
    this.log = log;
    this.createdAt = performance.now();
    this.connectedAt = null;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.remoteQueue = Promise.resolve();
    this.isSettingRemoteAnswerPending = false;
    this.dtlsRole = null; // fixed by the first negotiation (see negotiation.js)
    this.offeredFirst = null; // so was this: only the first offerer restarts ICE (see ICE_RESTART_REQUEST)
    this.awaitingFirstOffer = polite;
    this.restarts = 0;
    this.restartInFlight = false;
    this.disconnectedSince = null;
    this.recoveryTimer = null;
    this.closed = false;
    this.remoteStream = new MediaStream();
    this.remoteVideoMuted = false;
    this.remoteVideoStalled = false;
    this.failed = false;
    this.retired = false;
    this.mediaFlowing = false; // set by the stats poller once media is decoded
    this.qualityLevel = 'unknown';
    this.meshLinks = 1;

    this.pc = new RTCPeerConnection(rtcConfig);
    markSetup(peerId === null ? 'link-prepared' : (polite ? 'link-polite' : 'link-offerer'));
    // Every ICE restart (recovery, the stats poller's, a test's) goes through restartIce() below.
    this.nativeRestartIce = this.pc.restartIce?.bind(this.pc) ?? (() => {});
    this.pc.restartIce = () => this.restartIce();
    this.audioSender = null;
    this.videoSender = null;
    for (const track of localStream?.getAudioTracks() ?? []) {
      this.audioSender = this.pc.addTrack(track, localStream);
    }
    const camera = localStream?.getVideoTracks()[0];
    if (camera) {
      this.videoSender = this.pc.addTrack(camera, localStream);
      if (outgoingVideoTrack !== camera) this.videoSender.replaceTrack(outgoingVideoTrack ?? null).catch(() => {});
    } else if (outgoingVideoTrack) {
      this.videoSender = this.pc.addTrack(outgoingVideoTrack, localStream);
    } else {
      this.videoSender = this.pc.addTransceiver('video', { direction: 'sendrecv' }).sender;
    }
    if (!this.audioSender) this.pc.addTransceiver('audio', { direction: 'recvonly' });

    this.pc.onnegotiationneeded = () => this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      markSetup(candidate ? `local-candidate:${candidate.type ?? 'unknown'}` : 'gathering-done');
      this.send({ type: 'ice-candidate', to: this.peerId, candidate: candidate ? candidate.toJSON() : null });
    };
    this.pc.onicecandidateerror = (e) => this.log(`ICE candidate error ${e.errorCode} ${e.errorText} at ${e.url ?? ''}`);
    this.pc.ontrack = ({ track, streams }) => {
      const stream = streams[0];
      if (stream && stream !== this.remoteStream) {
        this.remoteStream = stream;
      } else if (!this.remoteStream.getTracks().includes(track)) {
        this.remoteStream.addTrack(track);
      }
      if (track.kind === 'video') {
        markSetup('remote-video-track');
        track.onmute = () => { this.remoteVideoMuted = true; this.onChange(this); };
        track.onunmute = () => { markSetup('remote-video-unmuted'); this.remoteVideoMuted = false; this.onChange(this); };
      }
      this.onChange(this);
    };
    this.pc.onconnectionstatechange = () => this.handleConnectionState();
    this.pc.oniceconnectionstatechange = () => this.handleConnectionState();

    if (this.awaitingFirstOffer) {
      this.firstOfferTimer = setTimeout(() => {
        if (this.awaitingFirstOffer && !this.closed) {
          this.awaitingFirstOffer = false;
          this.log(`no offer from ${peerId}; offering`);
          this.negotiate();
        }
      }, FIRST_OFFER_WAIT_MS);
    }
  }

  /** A link made ahead of its peer now reaches `peerId`: what it has made so far (its offer, candidates) goes out. */
  bind(peerId) {
    const pending = this.unbound ?? [];
    this.unbound = null;
    this.peerId = peerId;
    this.createdAt = performance.now(); // the connect timeout and the early ICE restart count from here
    markSetup('link-offerer');
    for (const msg of pending) this.send({ ...msg, to: peerId });
  }

  get connectionState() {
    return this.failed ? 'failed' : this.pc.connectionState;
  }

  async negotiate() {
    if (this.closed || this.awaitingFirstOffer) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      markSetup('offer-sent');
      this.send({ type: 'offer', to: this.peerId, sdp: offerStatingDtlsRole(this.pc.localDescription.toJSON(), this.dtlsRole) });
    } catch (e) {
      this.log(`offer to ${this.peerId} failed: ${e}`);
    } finally {
      this.makingOffer = false;
    }
  }

  /**
   * Remote descriptions and candidates are applied one after another, each after the previous
   * one's whole exchange (an offer's answer included), so an ICE restart's candidates are never
   * added between its offer and the answer (which Firefox is suspected of dropping; this did not
   * remove every failed restart, see infra/e2e/README.md "Known flaky").
   */
  handleDescription(description) {
    count(this.signals.received, description?.type);
    const applied = this.remoteQueue.then(() => this.applyDescription(description));
    this.remoteQueue = applied.catch(() => {});
    return applied;
  }

  handleCandidate(candidate) {
    if (isIceRestartRequest(candidate)) {
      count(this.signals.received, 'ice-restart-request');
      this.remoteQueue = this.remoteQueue.then(() => {
        if (this.closed || this.retired) return;
        this.log(`ICE restart asked for by ${this.peerId}`);
        this.nativeRestartIce();
      });
      return this.remoteQueue;
    }
    count(this.signals.received, 'ice-candidate');
    this.remoteQueue = this.remoteQueue.then(() => this.addCandidate(candidate));
    return this.remoteQueue;
  }

  async applyDescription(description) {
    if (this.closed || !description?.type) return;
    const collision = isOfferCollision({
      descriptionType: description.type,
      makingOffer: this.makingOffer,
      signalingState: this.pc.signalingState,
      isSettingRemoteAnswerPending: this.isSettingRemoteAnswerPending,
    });
    this.ignoreOffer = shouldIgnoreOffer({ polite: this.polite, collision });
    if (this.ignoreOffer) {
      this.log(`ignoring colliding offer from ${this.peerId}`);
      return;
    }
    if (description.type === 'offer') {
      this.awaitingFirstOffer = false;
      clearTimeout(this.firstOfferTimer);
    }
    this.isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      // A polite peer with an offer of its own outstanding rolls back implicitly here.
      await this.pc.setRemoteDescription(answerKeepingDtlsRole(description, this.dtlsRole));
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    if (description.type === 'offer') {
      await this.pc.setLocalDescription();
      markSetup('answer-sent');
      this.send({ type: 'answer', to: this.peerId, sdp: this.pc.localDescription.toJSON() });
    }
    if (description.type === 'answer') markSetup('answer-applied');
    this.dtlsRole ??= dtlsRoleOf(this.pc);
    this.offeredFirst ??= offeredFirst(this.pc);
  }

  /**
   * Restarts ICE if this side made the link's first offer; otherwise asks the other side to (see
   * ICE_RESTART_REQUEST in negotiation.js), whose restart offer this side then answers.
   */
  restartIce() {
    if (this.closed) return;
    if (this.offeredFirst === false) {
      this.log(`asking ${this.peerId} to restart ICE`);
      this.send({ type: 'ice-candidate', to: this.peerId, candidate: ICE_RESTART_REQUEST });
      return;
    }
    this.nativeRestartIce();
  }

  async addCandidate(candidate) {
    if (this.closed) return;
    try {
      await this.pc.addIceCandidate(candidate ?? null);
      if (candidate) markSetup('remote-candidate-added');
    } catch (e) {
      if (!this.ignoreOffer) this.log(`candidate from ${this.peerId} rejected: ${e}`);
    }
  }

  handleConnectionState() {
    if (this.closed) return;
    const state = this.pc.connectionState;
    markSetup(`ice:${this.pc.iceConnectionState}`);
    markSetup(`pc:${state}`);
    if (state === 'connected') {
      if (this.connectedAt === null) {
        this.connectedAt = performance.now();
        this.log(`connected to ${this.peerId} in ${Math.round(this.connectedAt - this.createdAt)} ms${this.polite ? ' (polite)' : ''}`);
        if (this.meshLinks > 1) this.applySenderLimits();
      }
      this.restarts = 0;
      this.restartInFlight = false;
      this.disconnectedSince = null;
      this.failed = false;
      clearTimeout(this.recoveryTimer);
    } else if (state === 'disconnected' || state === 'failed') {
      if (this.disconnectedSince === null) this.disconnectedSince = performance.now();
      this.scheduleRecovery();
    }
    this.onChange(this);
  }

  /** Out of the mesh (see LinkManager.retire): media flows on, but nothing is negotiated any more. */
  retire() {
    this.retired = true;
    clearTimeout(this.recoveryTimer);
    clearTimeout(this.firstOfferTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
  }

  scheduleRecovery() {
    clearTimeout(this.recoveryTimer);
    if (this.retired) return; // its peerId left the room: an ICE restart could not be signalled
    const action = iceRecoveryAction({
      connectionState: this.pc.connectionState,
      disconnectedForMs: performance.now() - (this.disconnectedSince ?? performance.now()),
      restartInFlight: this.restartInFlight,
    });
    if (action === 'restart') {
      if (this.restarts >= MAX_ICE_RESTARTS) {
        this.failed = true;
        this.onChange(this);
        return;
      }
      this.restarts += 1;
      this.restartInFlight = true;
      this.log(`ICE restart ${this.restarts} with ${this.peerId}`);
      this.restartIce();
      // Give the restart time to work; look again afterwards.
      this.recoveryTimer = setTimeout(() => {
        this.restartInFlight = false;
        if (['disconnected', 'failed'].includes(this.pc.connectionState)) this.scheduleRecovery();
      }, 8000);
    } else if (action === 'wait') {
      this.recoveryTimer = setTimeout(() => this.scheduleRecovery(), DISCONNECTED_GRACE_MS);
    }
  }

  setConfiguration(rtcConfig) {
    try {
      this.pc.setConfiguration(rtcConfig);
    } catch (e) {
      this.log(`setConfiguration failed: ${e}`);
    }
  }

  async replaceVideoTrack(track) {
    if (!this.videoSender) return;
    await this.videoSender.replaceTrack(track ?? null);
    // a camera turned on after the link was made: limits were skipped while there was no track
    if (track) await this.applySenderLimits();
  }

  /** The link quality's bitrate cap (from the stats poller). */
  applyBitrateLevel(level) {
    this.qualityLevel = level;
    return this.applySenderLimits();
  }

  /** How many links the mesh has now: this link's share of the upload (see meshShare). */
  setMeshLinks(links) {
    if (links === this.meshLinks) return Promise.resolve();
    this.meshLinks = links;
    return this.applySenderLimits();
  }

  async applySenderLimits() {
    const sender = this.videoSender;
    if (this.closed || !sender || !sender.track) return;
    try {
      await sender.setParameters(cappedParameters(sender.getParameters(), this.qualityLevel, this.meshLinks));
    } catch (e) {
      this.log(`sender limits not applied: ${e}`);
    }
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.recoveryTimer);
    clearTimeout(this.firstOfferTimer);
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.oniceconnectionstatechange = null;
    this.pc.onicecandidateerror = null;
    this.pc.close();
  }
}
