import { describe, expect, it } from 'vitest';
import {
  AUDIO_ONLY_SUGGESTION_AFTER, MESH_UPLOAD_BUDGET_BPS, QualityTracker, cappedParameters, classifyQuality, computeMetrics,
  extractSample,
} from './networkQuality.js';

function report(list) {
  return new Map(list.map((s) => [s.id, s]));
}

const statsAt = ({ bytesIn, bytesOut, received, lost, rtt, frames = 0, viaTransport = true }) => report([
  { id: 'T1', type: 'transport', ...(viaTransport ? { selectedCandidatePairId: 'CP1' } : {}) },
  { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true, localCandidateId: 'L1', currentRoundTripTime: rtt },
  { id: 'CP2', type: 'candidate-pair', state: 'failed', localCandidateId: 'L2' },
  { id: 'L1', type: 'local-candidate', candidateType: 'relay' },
  { id: 'L2', type: 'local-candidate', candidateType: 'host' },
  { id: 'IV', type: 'inbound-rtp', kind: 'video', bytesReceived: bytesIn * 0.9, packetsReceived: received * 0.8, packetsLost: lost, framesDecoded: frames },
  { id: 'IA', type: 'inbound-rtp', kind: 'audio', bytesReceived: bytesIn * 0.1, packetsReceived: received * 0.2, packetsLost: 0 },
  { id: 'OV', type: 'outbound-rtp', kind: 'video', bytesSent: bytesOut },
]);

describe('getStats sampling', () => {
  it('sums counters and finds the selected pair via the transport', () => {
    const s = extractSample(statsAt({ bytesIn: 1000, bytesOut: 500, received: 100, lost: 2, rtt: 0.08, frames: 30 }), 1000);
    expect(s.bytesReceived).toBe(1000);
    expect(s.bytesSent).toBe(500);
    expect(s.packetsReceived).toBe(100);
    expect(s.packetsLost).toBe(2);
    expect(s.framesDecoded).toBe(30);
    expect(s.rttMs).toBeCloseTo(80);
    expect(s.candidateType).toBe('relay');
  });

  it('falls back to the nominated succeeded pair without a transport entry', () => {
    const r = statsAt({ bytesIn: 0, bytesOut: 0, received: 0, lost: 0, rtt: 0.01, viaTransport: false });
    expect(extractSample(r, 0).candidateType).toBe('relay');
  });

  it('has no candidate type before connecting', () => {
    expect(extractSample(report([{ id: 'x', type: 'candidate-pair', state: 'in-progress' }]), 0).candidateType).toBeNull();
  });

  it('computes bitrate and loss between two samples', () => {
    const a = extractSample(statsAt({ bytesIn: 0, bytesOut: 0, received: 0, lost: 0, rtt: 0.05 }), 0);
    const b = extractSample(statsAt({ bytesIn: 250_000, bytesOut: 125_000, received: 950, lost: 50, rtt: 0.05 }), 2000);
    const m = computeMetrics(a, b);
    expect(m.bitrateKbps).toBeCloseTo(1000);
    expect(m.sendBitrateKbps).toBeCloseTo(500);
    expect(m.packetLoss).toBeCloseTo(0.05);
    expect(m.rttMs).toBeCloseTo(50);
  });

  it('reports no rate without a previous sample', () => {
    const b = extractSample(statsAt({ bytesIn: 10, bytesOut: 10, received: 1, lost: 0, rtt: 0.05 }), 2000);
    expect(computeMetrics(null, b).bitrateKbps).toBeNull();
  });

  it('ignores counter resets instead of reporting negative rates', () => {
    const a = { timestampMs: 0, bytesReceived: 5000, bytesSent: 5000, packetsReceived: 100, packetsLost: 5, rttMs: 10 };
    const b = { timestampMs: 1000, bytesReceived: 10, bytesSent: 10, packetsReceived: 1, packetsLost: 0, rttMs: 10 };
    const m = computeMetrics(a, b);
    expect(m.bitrateKbps).toBeNull();
    expect(m.packetLoss).toBeNull();
  });
});

describe('quality classification', () => {
  it('is good on a low-latency clean link', () => {
    expect(classifyQuality({ rttMs: 40, packetLoss: 0 })).toBe('good');
    expect(classifyQuality({ rttMs: 150, packetLoss: 0.02 })).toBe('good');
  });
  it('is fair on moderate latency or loss', () => {
    expect(classifyQuality({ rttMs: 200, packetLoss: 0 })).toBe('fair');
    expect(classifyQuality({ rttMs: 40, packetLoss: 0.04 })).toBe('fair');
  });
  it('is poor on high latency or loss', () => {
    expect(classifyQuality({ rttMs: 450, packetLoss: 0 })).toBe('poor');
    expect(classifyQuality({ rttMs: 40, packetLoss: 0.12 })).toBe('poor');
  });
  it('is unknown without measurements', () => {
    expect(classifyQuality({ rttMs: null, packetLoss: null })).toBe('unknown');
  });
});

describe('QualityTracker', () => {
  it('takes the first measured level at once, then needs two agreeing samples', () => {
    const t = new QualityTracker();
    expect(t.update('good')).toMatchObject({ level: 'good', changed: true });
    expect(t.update('poor')).toMatchObject({ level: 'good', changed: false });
    expect(t.update('good')).toMatchObject({ level: 'good', changed: false });
    expect(t.update('fair')).toMatchObject({ level: 'good' });
    expect(t.update('fair')).toMatchObject({ level: 'fair', changed: true });
  });

  it('suggests audio only once after a poor streak', () => {
    const t = new QualityTracker();
    const results = [];
    for (let i = 0; i < AUDIO_ONLY_SUGGESTION_AFTER + 2; i++) results.push(t.update('poor').suggestAudioOnly);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results[AUDIO_ONLY_SUGGESTION_AFTER - 1]).toBe(true);
  });

  it('resets the streak on a better sample', () => {
    const t = new QualityTracker();
    t.update('poor'); t.update('poor'); t.update('good');
    expect(t.poorStreak).toBe(0);
  });
});

describe('sender bitrate caps', () => {
  it('caps every encoding on a poor link and lifts the cap on a good one', () => {
    const poor = cappedParameters({ encodings: [{ active: true }], transactionId: 't' }, 'poor');
    expect(poor.encodings[0]).toEqual({ active: true, maxBitrate: 300_000, scaleResolutionDownBy: 1 });
    expect(poor.transactionId).toBe('t');
    const good = cappedParameters(poor, 'good');
    expect(good.encodings[0]).toEqual({ active: true, scaleResolutionDownBy: 1 });
  });

  it('creates an encoding when the browser reports none', () => {
    expect(cappedParameters({ encodings: [] }, 'fair').encodings).toEqual([{ maxBitrate: 800_000, scaleResolutionDownBy: 1 }]);
  });

  it("gives each link of a group's mesh its share of one upload budget and a smaller picture", () => {
    const params = { encodings: [{ active: true }] };
    expect(cappedParameters(params, 'good', 1).encodings[0]).toEqual({ active: true, scaleResolutionDownBy: 1 });
    expect(cappedParameters(params, 'good', 2).encodings[0]).toEqual({ active: true, maxBitrate: 750_000, scaleResolutionDownBy: 1.5 });
    expect(cappedParameters(params, 'good', 3).encodings[0]).toEqual({ active: true, maxBitrate: 500_000, scaleResolutionDownBy: 2, maxFramerate: 15 });
    // five links (a full group of six): five copies within the budget
    expect(cappedParameters(params, 'unknown', 5).encodings[0].maxBitrate * 5).toBeLessThanOrEqual(MESH_UPLOAD_BUDGET_BPS);
    // the lower of the quality cap and the share wins
    expect(cappedParameters(params, 'poor', 2).encodings[0].maxBitrate).toBe(300_000);
    expect(cappedParameters(params, 'fair', 3).encodings[0].maxBitrate).toBe(500_000);
  });

  it('gives the full picture back when the group shrinks to one other participant', () => {
    const shared = cappedParameters({ encodings: [{}] }, 'good', 4);
    expect(shared.encodings[0].maxFramerate).toBe(15);
    expect(cappedParameters(shared, 'good', 1).encodings[0]).toEqual({ scaleResolutionDownBy: 1 });
  });
});
