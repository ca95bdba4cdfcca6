// Network quality from RTCPeerConnection.getStats(): a sample per poll, metrics between two
// samples, a good/fair/poor level with hysteresis, and the sender bitrate cap for each level and
// for a link's share of a group call's mesh.

export const THRESHOLDS = {
  good: { rttMs: 150, packetLoss: 0.02 },
  fair: { rttMs: 300, packetLoss: 0.05 },
};

/** Maximum video send bitrate (bps) per level; undefined lifts the cap. */
export const VIDEO_BITRATE_CAPS = { good: undefined, fair: 800_000, poor: 300_000 };

/** Consecutive poor samples (at the poll interval) before suggesting audio only. */
export const AUDIO_ONLY_SUGGESTION_AFTER = 3;

function values(report) {
  if (!report) return [];
  if (typeof report.values === 'function') return Array.from(report.values());
  return Array.isArray(report) ? report : Object.values(report);
}

/** The candidate pair in use: via transport.selectedCandidatePairId, else the nominated succeeded pair. */
function selectedCandidatePair(report) {
  const stats = values(report);
  const byId = new Map(stats.map((s) => [s.id, s]));
  for (const s of stats) {
    if (s.type === 'transport' && s.selectedCandidatePairId && byId.has(s.selectedCandidatePairId)) {
      return { pair: byId.get(s.selectedCandidatePairId), byId };
    }
  }
  const pair = stats.find((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && (s.nominated || s.selected));
  return { pair: pair ?? null, byId };
}

/** Cumulative counters of one getStats() call, with the RTT and the local candidate type (host | srflx | prflx | relay) of the pair in use. */
export function extractSample(report, timestampMs) {
  const sample = {
    timestampMs,
    bytesReceived: 0,
    bytesSent: 0,
    packetsReceived: 0,
    packetsLost: 0,
    framesDecoded: 0,
    rttMs: null,
    candidateType: null,
  };
  const remoteInboundRtts = [];
  for (const s of values(report)) {
    if (s.type === 'inbound-rtp') {
      sample.bytesReceived += s.bytesReceived ?? 0;
      sample.packetsReceived += s.packetsReceived ?? 0;
      sample.packetsLost += Math.max(0, s.packetsLost ?? 0);
      if (s.kind === 'video') sample.framesDecoded += s.framesDecoded ?? 0;
    } else if (s.type === 'outbound-rtp') {
      sample.bytesSent += s.bytesSent ?? 0;
    } else if (s.type === 'remote-inbound-rtp' && typeof s.roundTripTime === 'number') {
      remoteInboundRtts.push(s.roundTripTime * 1000);
    }
  }
  const { pair, byId } = selectedCandidatePair(report);
  if (pair && typeof pair.currentRoundTripTime === 'number') {
    sample.rttMs = pair.currentRoundTripTime * 1000;
  } else if (remoteInboundRtts.length) {
    sample.rttMs = Math.max(...remoteInboundRtts);
  }
  if (pair) sample.candidateType = byId.get(pair.localCandidateId)?.candidateType ?? null;
  return sample;
}

/** Rates between two samples of the same connection. */
export function computeMetrics(previous, current) {
  const metrics = { rttMs: current.rttMs, packetLoss: null, bitrateKbps: null, sendBitrateKbps: null };
  if (!previous) return metrics;
  const seconds = (current.timestampMs - previous.timestampMs) / 1000;
  if (seconds > 0) {
    const rx = current.bytesReceived - previous.bytesReceived;
    const tx = current.bytesSent - previous.bytesSent;
    if (rx >= 0) metrics.bitrateKbps = (rx * 8) / 1000 / seconds;
    if (tx >= 0) metrics.sendBitrateKbps = (tx * 8) / 1000 / seconds;
  }
  const received = current.packetsReceived - previous.packetsReceived;
  const lost = current.packetsLost - previous.packetsLost;
  if (received >= 0 && lost >= 0 && received + lost > 0) metrics.packetLoss = lost / (received + lost);
  else if (received >= 0 && lost >= 0) metrics.packetLoss = 0;
  return metrics;
}

/** good | fair | poor from RTT and loss; unknown while neither is measured. */
export function classifyQuality({ rttMs, packetLoss }) {
  const hasRtt = typeof rttMs === 'number' && Number.isFinite(rttMs);
  const hasLoss = typeof packetLoss === 'number' && Number.isFinite(packetLoss);
  if (!hasRtt && !hasLoss) return 'unknown';
  const rtt = hasRtt ? rttMs : 0;
  const loss = hasLoss ? packetLoss : 0;
  if (rtt <= THRESHOLDS.good.rttMs && loss <= THRESHOLDS.good.packetLoss) return 'good';
  if (rtt <= THRESHOLDS.fair.rttMs && loss <= THRESHOLDS.fair.packetLoss) return 'fair';
  return 'poor';
}

/**
 * Smooths the level: it changes only after two consecutive samples agree, so one lost burst
 * does not flap the sender cap. Also counts the poor streak for the audio-only suggestion.
 */
export class QualityTracker {
  constructor() {
    this.level = 'unknown';
    this.candidate = null;
    this.poorStreak = 0;
  }

  /** Feeds one classified sample; returns {level, changed, suggestAudioOnly}. */
  update(sampleLevel) {
    let changed = false;
    if (sampleLevel === 'unknown') {
      this.candidate = null;
    } else if (sampleLevel === this.level) {
      this.candidate = null;
    } else if (this.level === 'unknown' || this.candidate === sampleLevel) {
      this.level = sampleLevel;
      this.candidate = null;
      changed = true;
    } else {
      this.candidate = sampleLevel;
    }
    this.poorStreak = sampleLevel === 'poor' ? this.poorStreak + 1 : 0;
    return {
      level: this.level,
      changed,
      suggestAudioOnly: this.poorStreak === AUDIO_ONLY_SUGGESTION_AFTER,
    };
  }
}

export function bitrateCapFor(level) {
  return VIDEO_BITRATE_CAPS[level];
}

/**
 * A mesh sends its camera once per link: a 6-way call uploads five copies. Each link therefore
 * gets a share of one upload budget and a smaller picture (720p to one peer, 480p to two, 360p to
 * three or more), which keeps both the uplink and the encoders' CPU (one encoder per link) near
 * what a one-to-one call costs; from three links on, at 15 frames per second.
 */
export const MESH_UPLOAD_BUDGET_BPS = 1_500_000;

export function meshShare(links) {
  if (links <= 1) return { maxBitrate: undefined, scaleResolutionDownBy: 1, maxFramerate: undefined };
  return {
    maxBitrate: Math.round(MESH_UPLOAD_BUDGET_BPS / links),
    scaleResolutionDownBy: links === 2 ? 1.5 : 2,
    // every link is one more encoder, and every peer decodes one stream per link
    maxFramerate: links >= 3 ? 15 : undefined,
  };
}

/**
 * The video RTCRtpSender's parameters with the cap of the link's quality `level` and its share of
 * a mesh of `links` links: the lower of the two bitrates, the share's resolution.
 */
export function cappedParameters(parameters, level, links = 1) {
  const share = meshShare(links);
  const caps = [bitrateCapFor(level), share.maxBitrate].filter((c) => c !== undefined);
  const cap = caps.length ? Math.min(...caps) : undefined;
  const encodings = (parameters.encodings && parameters.encodings.length ? parameters.encodings : [{}])
    .map((e) => {
      const next = { ...e, scaleResolutionDownBy: share.scaleResolutionDownBy };
      if (cap === undefined) delete next.maxBitrate;
      else next.maxBitrate = cap;
      if (share.maxFramerate === undefined) delete next.maxFramerate;
      else next.maxFramerate = share.maxFramerate;
      return next;
    });
  return { ...parameters, encodings };
}
