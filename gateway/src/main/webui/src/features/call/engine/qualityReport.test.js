import { describe, expect, it } from 'vitest';
import { MetricsAverager, QualityReports, buildQualityReport, reportCandidateType } from './qualityReport.js';

describe('quality report', () => {
  it('rounds and keeps the fields the API accepts', () => {
    expect(buildQualityReport({
      outcome: 'connected', timeToConnectMs: 812.6, candidateType: 'relay', rttMs: 23.4, packetLoss: 0.012345, bitrateKbps: 1234.5,
    })).toEqual({ outcome: 'connected', timeToConnectMs: 813, candidateType: 'relay', rttMs: 23, packetLoss: 0.0123, bitrateKbps: 1235 });
  });

  it('omits what was not measured', () => {
    expect(buildQualityReport({ outcome: 'failed', timeToConnectMs: 15000 })).toEqual({ outcome: 'failed', timeToConnectMs: 15000 });
  });

  it('keeps the candidate types the API accepts and drops unknown ones', () => {
    expect(reportCandidateType('prflx')).toBe('prflx');
    expect(reportCandidateType('relay')).toBe('relay');
    expect(reportCandidateType('bogus')).toBeUndefined();
  });

  it('keeps values inside the limits the API validates', () => {
    expect(buildQualityReport({ outcome: 'failed', timeToConnectMs: 900_000, packetLoss: 1.5 }))
      .toEqual({ outcome: 'failed', timeToConnectMs: 600_000, packetLoss: 1 });
  });

  it('averages metrics over the call, skipping gaps', () => {
    const avg = new MetricsAverager();
    avg.add({ rttMs: 10, packetLoss: 0, bitrateKbps: 1000 });
    avg.add({ rttMs: 30, packetLoss: null, bitrateKbps: 500 });
    expect(avg.averages()).toEqual({ rttMs: 20, packetLoss: 0, bitrateKbps: 750 });
  });
});

describe('QualityReports', () => {
  const link = { createdAt: 1000, connectedAt: 1800, pc: { getStats: async () => new Map() } };

  it('reports the first connect once, no failure after it, and the summary with its time to connect', async () => {
    const sent = [];
    const reports = new QualityReports({ post: async (body) => { sent.push(body); }, log: () => {} });
    await reports.onConnected(link);
    await reports.onConnected(link);
    reports.onFailure(link);
    await reports.summary({ candidateType: 'host', rttMs: 12 });
    expect(sent).toEqual([
      { outcome: 'connected', timeToConnectMs: 800 },
      { outcome: 'connected', timeToConnectMs: 800, candidateType: 'host', rttMs: 12 },
    ]);
  });

  it('reports one failure before any connect, and logs a refused report instead of throwing', async () => {
    const logged = [];
    const reports = new QualityReports({ post: async () => { throw new Error('503'); }, log: (m) => logged.push(m) });
    reports.onFailure(link);
    reports.onFailure(link);
    await Promise.resolve();
    await Promise.resolve();
    expect(logged).toEqual(['quality report: 503']);
  });
});
