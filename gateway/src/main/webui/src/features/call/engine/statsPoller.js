import { QualityTracker, classifyQuality, computeMetrics, extractSample } from './networkQuality.js';
import { MetricsAverager } from './qualityReport.js';

export const STATS_INTERVAL_MS = 2000;
/** A link that has not connected by then counts as failed. */
export const CONNECT_TIMEOUT_MS = 30_000;
/** A link still not connected by then restarts ICE once: gathering may have found no usable candidate (e.g. a TURN allocation refused). */
export const EARLY_RESTART_MS = 7_000;
const LEVEL_ORDER = { unknown: 0, good: 1, fair: 2, poor: 3 };

/**
 * Where a link's ICE stands, for the log line of a restart: were checks still under way (pairs
 * in progress) or was there nothing left to try (no pairs, or all failed)?
 */
export async function describeIce(pc) {
  const pairs = {};
  try {
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'candidate-pair') pairs[s.state] = (pairs[s.state] ?? 0) + 1;
    });
  } catch { /* a closed connection has no stats */ }
  const counted = Object.entries(pairs).map(([state, n]) => `${n} ${state}`).join(', ') || 'none';
  return `ICE ${pc.iceConnectionState}, gathering ${pc.iceGatheringState}, signaling ${pc.signalingState}, pairs: ${counted}`;
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
      if (link.connectedAt === null && !link.earlyRestartDone && age > EARLY_RESTART_MS) {
        link.earlyRestartDone = true;
        this.log(`no connection to ${link.peerId} yet (${await describeIce(link.pc)}); restarting ICE`);
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
}
