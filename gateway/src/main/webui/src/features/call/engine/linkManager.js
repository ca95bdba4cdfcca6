import { isPolite } from './negotiation.js';
import { PeerLink } from './PeerLink.js';

/** How long a retired link may carry media without a new link to its user connecting. */
export const RETIRED_LINK_MS = 20_000;

/**
 * The mesh: one PeerLink per remote peer, created, fed and closed as the message reducer's
 * effects say. It knows how to build a link (ICE configuration, local media, the socket to send
 * on), not when.
 */
export class LinkManager {
  constructor({ rtcConfig, localStream, outgoingVideoTrack, send, onChange, log }) {
    this.rtcConfig = rtcConfig;
    this.localStream = localStream;
    this.outgoingVideoTrack = outgoingVideoTrack;
    this.send = send;
    this.onChange = onChange;
    this.log = log;
    this.links = new Map();
    // A newcomer's link made while the join is under way (see prepareOfferer), or null.
    this.prepared = null;
    // Links replaced across a signaling reconnect, by peerId: { link, peer, timer }. They keep
    // sending and receiving until a new link to the same user connects (make-before-break).
    this.retiring = new Map();
  }

  get size() { return this.links.size; }

  get(peerId) { return this.links.get(peerId); }

  has(peerId) { return this.links.has(peerId); }

  values() { return this.links.values(); }

  /** True while `link` is the current link to its peer (not one replaced or closed since). */
  isCurrent(link) { return this.links.get(link.peerId) === link; }

  connect(peerId, { newcomer }) {
    const link = newcomer && this.prepared ? this.takePrepared(peerId) : this.build(peerId, { newcomer });
    this.links.set(peerId, link);
    this.shareUpload();
    return link;
  }

  /**
   * Makes the link of a newcomer before the peers are known, so that its offer and candidates
   * (a TURN allocation on a relay-only network) are ready when the room answers the join: the
   * first link after admission then costs no offer round of its own. Used by the first
   * {@link connect} as a newcomer; see {@link dropPrepared} for when it is given up.
   */
  prepareOfferer() {
    if (!this.prepared) this.prepared = this.build(null, { newcomer: true });
  }

  /** The prepared link is not needed (the join found nobody to offer to) or out of date (new TURN credentials). */
  dropPrepared() {
    this.prepared?.close();
    this.prepared = null;
  }

  takePrepared(peerId) {
    const link = this.prepared;
    this.prepared = null;
    link.bind(peerId);
    return link;
  }

  build(peerId, { newcomer }) {
    return new PeerLink({
      peerId,
      polite: isPolite({ newcomer }),
      rtcConfig: this.rtcConfig(),
      localStream: this.localStream(),
      outgoingVideoTrack: this.outgoingVideoTrack(),
      send: this.send,
      onChange: this.onChange,
      log: this.log,
    });
  }

  /** Every current link gets its share of the upload for a mesh of this size (see meshShare). */
  shareUpload() {
    for (const link of this.links.values()) link.setMeshLinks(this.links.size);
  }

  disconnect(peerId) {
    const link = this.links.get(peerId);
    if (!link) return false;
    link.close();
    this.links.delete(peerId);
    this.shareUpload();
    return true;
  }

  disconnectAll() {
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  /** Every link, retiring ones too (the call is over). */
  closeAll() {
    this.dropPrepared();
    this.disconnectAll();
    for (const peerId of [...this.retiring.keys()]) this.closeRetired(peerId);
  }

  /**
   * Takes the link to `peerId` out of the mesh (its peerId is gone from the room) but keeps its
   * media until media flows on a new link to the same user (`peer.userId`, {@link settle}) or
   * {@link RETIRED_LINK_MS} pass. `peer`: the participant it reaches (userId, name, role).
   */
  retire(peerId, peer) {
    const link = this.links.get(peerId);
    if (!link) return;
    this.links.delete(peerId);
    this.shareUpload();
    link.retire();
    const timer = setTimeout(() => this.closeRetired(peerId), RETIRED_LINK_MS);
    this.retiring.set(peerId, { link, peer: { ...peer, userId: peer?.userId ?? null }, timer });
  }

  /** Media flows on a new link to `userId`: the links it replaces are closed now. */
  settle(userId) {
    for (const [peerId, entry] of [...this.retiring]) {
      if (entry.peer.userId === (userId ?? null)) this.closeRetired(peerId);
    }
  }

  closeRetired(peerId) {
    const entry = this.retiring.get(peerId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.link.close();
    this.retiring.delete(peerId);
    this.onChange(entry.link);
  }

  /** The retiring links, each with the participant it reaches: `{ link, peer }`. */
  retiringLinks() {
    return [...this.retiring.values()];
  }

  /** The retiring link to `userId`, if any. */
  retiringFor(userId) {
    return this.retiringLinks().find((e) => e.peer.userId === (userId ?? null));
  }

  /** Carries out one of the message reducer's link effects. */
  apply(effect) {
    switch (effect.type) {
      case 'connect':
        this.connect(effect.peerId, { newcomer: effect.newcomer });
        break;
      case 'disconnect':
        this.disconnect(effect.peerId);
        break;
      case 'disconnect-all':
        this.disconnectAll();
        break;
      case 'close-all':
        this.closeAll();
        break;
      case 'retire':
        this.retire(effect.peerId, effect.peer);
        break;
      case 'describe':
        this.links.get(effect.peerId)?.handleDescription(effect.sdp)
          .catch((e) => this.log(`negotiation with ${effect.peerId} failed: ${e}`));
        break;
      case 'candidate':
        this.links.get(effect.peerId)?.handleCandidate(effect.candidate);
        break;
      default:
        break;
    }
  }

  /** Fresh TURN credentials for every link. */
  setConfiguration(rtcConfig) {
    // its offer and relay allocation were made with the old credentials
    this.dropPrepared();
    for (const link of this.links.values()) link.setConfiguration(rtcConfig);
  }

  replaceVideoTrack(track) {
    return Promise.all(this.sending().map((l) => l.replaceVideoTrack(track)));
  }

  replaceAudioTrack(track) {
    for (const link of this.sending()) link.audioSender?.replaceTrack(track);
  }

  /** Links that carry this side's media: the current, the retiring and the prepared one (camera off in the waiting room stays off). */
  sending() {
    return [...this.links.values(), ...[...this.retiring.values()].map((e) => e.link), ...(this.prepared ? [this.prepared] : [])];
  }
}
