// The call-quality summary posted to POST /api/video-calls/quality/{sessionId}.
import { extractSample } from './networkQuality.js';

const CANDIDATE_TYPES = new Set(['host', 'srflx', 'prflx', 'relay']);

/** The candidate types the API accepts; anything else is left out of the report. */
export function reportCandidateType(type) {
  return CANDIDATE_TYPES.has(type) ? type : undefined;
}

function round(value, digits = 0) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const f = Math.pow(10, digits);
  return Math.round(value * f) / f;
}

export function buildQualityReport({ outcome, timeToConnectMs, candidateType, rttMs, packetLoss, bitrateKbps }) {
  const body = { outcome: outcome === 'connected' ? 'connected' : 'failed' };
  const fields = {
    // The API accepts at most 10 minutes.
    timeToConnectMs: round(typeof timeToConnectMs === 'number' ? Math.min(timeToConnectMs, 600_000) : timeToConnectMs),
    candidateType: reportCandidateType(candidateType),
    rttMs: round(rttMs),
    packetLoss: round(typeof packetLoss === 'number' ? Math.min(packetLoss, 1) : packetLoss, 4),
    bitrateKbps: round(bitrateKbps),
  };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && (typeof v !== 'number' || v >= 0)) body[k] = v;
  return body;
}

/** Running averages of the per-poll metrics over a call, for the end-of-call report. */
export class MetricsAverager {
  constructor() {
    this.sums = { rttMs: 0, packetLoss: 0, bitrateKbps: 0 };
    this.counts = { rttMs: 0, packetLoss: 0, bitrateKbps: 0 };
  }

  add(metrics) {
    for (const key of Object.keys(this.sums)) {
      const v = metrics?.[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        this.sums[key] += v;
        this.counts[key] += 1;
      }
    }
  }

  averages() {
    const out = {};
    for (const key of Object.keys(this.sums)) {
      out[key] = this.counts[key] ? this.sums[key] / this.counts[key] : undefined;
    }
    return out;
  }
}

/**
 * The call's reports, each sent once: when the first link connects (time to connect, candidate
 * type, RTT), when a link fails before any connected, and the end-of-call averages.
 * `post(body)` sends one; a refused report is only logged.
 */
export class QualityReports {
  constructor({ post, log }) {
    this.post = (fields) => post(buildQualityReport(fields)).catch((e) => log(`quality report: ${e.message}`));
    this.connected = false;
    this.failed = false;
    this.timeToConnectMs = undefined;
  }

  async onConnected(link) {
    if (this.connected) return;
    this.connected = true;
    this.timeToConnectMs = link.connectedAt - link.createdAt;
    let sample = null;
    try { sample = extractSample(await link.pc.getStats(), performance.now()); } catch { /* report without stats */ }
    this.post({ outcome: 'connected', timeToConnectMs: this.timeToConnectMs, candidateType: sample?.candidateType, rttMs: sample?.rttMs ?? undefined });
  }

  onFailure(link) {
    if (this.failed || this.connected) return;
    this.failed = true;
    this.post({ outcome: 'failed', timeToConnectMs: performance.now() - link.createdAt });
  }

  /** The end-of-call report: `averages` from the stats poller. */
  summary({ candidateType, ...averages }) {
    return this.post({ outcome: 'connected', timeToConnectMs: this.timeToConnectMs, candidateType, ...averages });
  }
}
