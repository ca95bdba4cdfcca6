import { isPolite } from './negotiation.js';
import { PeerLink } from './PeerLink.js';

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
  }

  get size() { return this.links.size; }

  get(peerId) { return this.links.get(peerId); }

  has(peerId) { return this.links.has(peerId); }

  values() { return this.links.values(); }

  /** True while `link` is the current link to its peer (not one replaced or closed since). */
  isCurrent(link) { return this.links.get(link.peerId) === link; }

  connect(peerId, { newcomer }) {
    const link = new PeerLink({
      peerId,
      polite: isPolite({ newcomer }),
      rtcConfig: this.rtcConfig(),
      localStream: this.localStream(),
      outgoingVideoTrack: this.outgoingVideoTrack(),
      send: this.send,
      onChange: this.onChange,
      log: this.log,
    });
    this.links.set(peerId, link);
    return link;
  }

  disconnect(peerId) {
    const link = this.links.get(peerId);
    if (!link) return false;
    link.close();
    this.links.delete(peerId);
    return true;
  }

  disconnectAll() {
    for (const link of this.links.values()) link.close();
    this.links.clear();
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
    for (const link of this.links.values()) link.setConfiguration(rtcConfig);
  }

  replaceVideoTrack(track) {
    return Promise.all([...this.links.values()].map((l) => l.replaceVideoTrack(track)));
  }

  replaceAudioTrack(track) {
    for (const link of this.links.values()) link.audioSender?.replaceTrack(track);
  }
}
