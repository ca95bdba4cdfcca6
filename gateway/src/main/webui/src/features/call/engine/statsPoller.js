import { QualityTracker, classifyQuality, computeMetrics, extractSample } from './networkQuality.js';
import { MetricsAverager } from './qualityReport.js';

export const STATS_INTERVAL_MS = 2000;
/** A link that has not connected by then counts as failed. */
export const CONNECT_TIMEOUT_MS = 30_000;
/** A link still not connected by then restarts ICE once: gathering may have found no usable candidate (e.g. a TURN allocation refused). */
export const EARLY_RESTART_MS = 7_000;
const LEVEL_ORDER = { unknown: 0, good: 1, fair: 2, poor: 3 };
/** Polls in a row without a new remote frame before a connected link's video counts as frozen and is healed. */
export const STALL_HEAL_POLLS = 3;

/**
 * What to do about a connected link whose remote video decodes no new frames (`link.stalledPolls`
 * polls in a row): after STALL_HEAL_POLLS, restart ICE (new transport checks; it healed the
 * Chromium-to-Firefox video that stopped on a new link after a signaling reconnect, see
 * infra/e2e/README.md), after as many more, renegotiate (a fresh offer and answer); then nothing
 * until frames flow again. Never before media first flowed on the link, and `stalledPolls` does
 * not count polls where the other camera is off (see remoteSendsNoVideo): no frames is then what
 * is expected.
 */
export function stallHealAction(link) {
  if (!link.mediaFlowing || link.remoteVideoMuted || link.retired || link.closed) return 'none';
  if (link.pc.signalingState !== 'stable') return 'none'; // a negotiation under way: let it finish
  if ((link.stalledPolls ?? 0) < STALL_HEAL_POLLS) return 'none';
  const done = link.stallHeals ?? 0;
  if (done === 0) return 'restart-ice';
  if (done === 1) return 'renegotiate';
  return 'none';
}

/**
 * What the other side's video sender reports sending (RTCP sender reports, `remote-outbound-rtp`):
 * packets sent and the time of its latest report.
 */
export function remoteVideoReport(report) {
  const out = { packetsSent: 0, reportedAt: null };
  report.forEach((s) => {
    if (s.type !== 'remote-outbound-rtp' || s.kind !== 'video') return;
    out.packetsSent += s.packetsSent ?? 0;
    if (typeof s.remoteTimestamp === 'number') out.reportedAt = Math.max(out.reportedAt ?? 0, s.remoteTimestamp);
  });
  return out;
}

/**
 * True when the other side says it sends no video: a new sender report since the last poll that
 * counts no new packet. Its camera is off (`replaceTrack(null)`), which mutes no track at this
 * side (seen in Firefox and Chromium), so this is what tells a camera turned off from a freeze.
 * Without new reports (none arrive when the packets are lost too) nothing is known.
 */
export function remoteSendsNoVideo(previous, current) {
  if (!previous || previous.reportedAt === null || current.reportedAt === null) return false;
  return current.reportedAt > previous.reportedAt && current.packetsSent === previous.packetsSent;
}

/** The counters of one poll that say what the frozen video's link receives, for the heal's log line. */
export function describeStall(sample, link) {
  return `${link.stalledPolls} polls without a new frame: frames decoded ${sample.framesDecoded}, packets received ${sample.packetsReceived}`
    + ` (${sample.bytesReceived} bytes), lost ${sample.packetsLost}, sent ${sample.bytesSent} bytes, pair ${sample.candidateType ?? 'unknown'}`;
}

/**
 * Where a link stands, for the log line of a restart: were ICE checks still under way (pairs in
 * progress) or was there nothing left to try (no pairs, or all failed)? With ICE connected, did
 * DTLS stall (transport state and role, and the `a=setup` each side's description carries)?
 */
export async function describeIce(pc) {
  const pairs = {};
  const dtls = [];
  try {
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'candidate-pair') pairs[s.state] = (pairs[s.state] ?? 0) + 1;
      if (s.type === 'transport') dtls.push(`${s.dtlsState}${s.dtlsRole ? ` as ${s.dtlsRole}` : ''}`);
    });
  } catch { /* a closed connection has no stats */ }
  const counted = Object.entries(pairs).map(([state, n]) => `${n} ${state}`).join(', ') || 'none';
  const setup = (d) => (d ? `${d.type} ${/^a=setup:(\w+)/m.exec(d.sdp ?? '')?.[1] ?? '?'}` : 'none');
  return `pc ${pc.connectionState}, ICE ${pc.iceConnectionState}, gathering ${pc.iceGatheringState}, `
    + `signaling ${pc.signalingState}, pairs: ${counted}, DTLS ${dtls.join(' / ') || 'none'}, `
    + `setup local ${setup(pc.currentLocalDescription)} remote ${setup(pc.currentRemoteDescription)}`;
}

/**
 * A link not connected EARLY_RESTART_MS after it was made restarts ICE once, but only when a
 * restart can help: its offer and answer are done and ICE has not connected. While an offer is
 * still unanswered (a busy peer), a restart would only queue a second offer behind the first and
 * make both sides offer at once; with ICE connected, the wait is DTLS's, not ICE's.
 */
export function earlyRestartDue(link, age) {
  const { pc } = link;
  return link.connectedAt === null && !link.earlyRestartDone && age > EARLY_RESTART_MS
    && pc.signalingState === 'stable' && Boolean(pc.currentRemoteDescription)
    && !['connected', 'completed'].includes(pc.iceConnectionState);
}

/** What a link sent and received through signaling, by message type: were offers, answers or candidates lost? */
export function describeSignals(signals) {
  const list = (counts) => Object.entries(counts ?? {}).map(([type, n]) => `${n} ${type}`).join(', ') || 'nothing';
  const unsent = Object.keys(signals?.unsent ?? {}).length ? `, unsent ${list(signals.unsent)}` : '';
  return `sent ${list(signals?.sent)}${unsent}, received ${list(signals?.received)}`;
}

/**
 * Every 2 s, `getStats` on each link: the early ICE restart and the connect timeout of links
 * not yet connected, and for connected ones RTT/loss/bitrate → good/fair/poor (capping the video
 * sender), frozen-video detection and the averages of the end-of-call report.
 */
export class StatsPoller {
  /**
   * @param links () => iterable of PeerLinks
   * @param onTimeout (link) => void, a link that never connected
   * @param onMediaFlowing (link) => void, once per link: the first poll that finds media decoded on it
   * @param onPoll ({ quality, stalledChanged, audioOnlyHints }) => void after each poll;
   *   `quality` is the worst link's (null without a connected link)
   */
  constructor({ links, onTimeout, onPoll, onMediaFlowing = () => {}, log = () => {} }) {
    this.links = links;
    this.onTimeout = onTimeout;
    this.onPoll = onPoll;
    this.onMediaFlowing = onMediaFlowing;
    this.log = log;
    this.perLink = new Map();
    this.averager = new MetricsAverager();
    this.lastCandidateType = undefined;
    this.timer = null;
  }

  start() {
    this.stop();
    this.timer = setInterval(() => this.poll(), STATS_INTERVAL_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  /** Drops what was measured on a link that is gone. */
  forget(peerId) { this.perLink.delete(peerId); }

  clear() { this.perLink.clear(); }

  averages() { return this.averager.averages(); }

  async poll() {
    let worst = null;
    let stalledChanged = false;
    let audioOnlyHints = 0;
    for (const link of this.links()) {
      const age = performance.now() - link.createdAt;
      if (earlyRestartDue(link, age)) {
        link.earlyRestartDone = true;
        this.log(`no connection to ${link.peerId} yet (${await describeIce(link.pc)}; ${describeSignals(link.signals)}); restarting ICE`);
        link.pc.restartIce();
      }
      if (link.connectedAt === null && !link.failed && age > CONNECT_TIMEOUT_MS) {
        link.failed = true;
        this.onTimeout(link);
      }
      if (link.pc.connectionState !== 'connected') continue;
      let report;
      try { report = await link.pc.getStats(); } catch { continue; }
      const entry = this.perLink.get(link.peerId) ?? { tracker: new QualityTracker(), previous: null };
      const sample = extractSample(report, performance.now());
      // video decoded, or (camera off over there) audio arriving: this link carries the call now
      if (!link.mediaFlowing && (sample.framesDecoded > 0 || (link.remoteVideoMuted && sample.packetsReceived > 0))) {
        link.mediaFlowing = true;
        this.onMediaFlowing(link);
      }
      const metrics = computeMetrics(entry.previous, sample);
      // No new frames between two polls: the other side's camera is off (its sender carries no
      // track) or the video froze; the tile then shows the name instead of a stale picture.
      const stalled = entry.previous !== null && sample.framesDecoded === entry.previous.framesDecoded;
      if (stalled !== link.remoteVideoStalled) {
        link.remoteVideoStalled = stalled;
        stalledChanged = true;
      }
      // the other camera turned off (a muted track, or its sender reports nothing new) is no stall to heal
      const senderReport = remoteVideoReport(report);
      const cameraOffThere = link.remoteVideoMuted || remoteSendsNoVideo(entry.senderReport, senderReport);
      entry.senderReport = senderReport;
      // a count of 0 after media flowed is a stream missing from the stats (seen in Firefox during an ICE restart), not a freeze
      link.stalledPolls = stalled && sample.framesDecoded > 0 && !cameraOffThere ? (link.stalledPolls ?? 0) + 1 : 0;
      if (!stalled) link.stallHeals = 0; // frames again: a later freeze may be healed again
      await this.healStall(link, sample);
      entry.previous = sample;
      this.perLink.set(link.peerId, entry);
      const result = entry.tracker.update(classifyQuality(metrics));
      if (result.changed) link.applyBitrateLevel(result.level);
      if (result.suggestAudioOnly) audioOnlyHints += 1;
      this.averager.add(metrics);
      this.lastCandidateType = sample.candidateType ?? this.lastCandidateType;
      const q = { level: result.level, rttMs: metrics.rttMs, packetLoss: metrics.packetLoss, bitrateKbps: metrics.bitrateKbps, candidateType: sample.candidateType };
      if (!worst || LEVEL_ORDER[q.level] > LEVEL_ORDER[worst.level]) worst = q;
    }
    this.onPoll({ quality: worst, stalledChanged, audioOnlyHints });
  }

  /** A frozen remote video on a connected link: restart ICE, later renegotiate (see stallHealAction). */
  async healStall(link, sample) {
    const action = stallHealAction(link);
    if (action === 'none') return;
    this.log(`remote video from ${link.peerId} frozen, ${describeStall(sample, link)}; ${await describeIce(link.pc)};`
      + ` ${action === 'restart-ice' ? 'restarting ICE' : 'renegotiating'}`);
    link.stallHeals = (link.stallHeals ?? 0) + 1;
    link.stalledPolls = 0;
    if (action === 'restart-ice') link.pc.restartIce();
    else link.negotiate();
  }
}
