import { describe, expect, it } from 'vitest';
import { describeIce } from './statsPoller.js';

const pcWith = (reports, states = {}) => ({
  iceConnectionState: 'checking', iceGatheringState: 'complete', signalingState: 'stable', ...states,
  getStats: async () => new Map(reports.map((r, i) => [`r${i}`, r])),
});

describe('describeIce', () => {
  it('counts the candidate pairs by state, so a restart log says whether checks were still under way', async () => {
    const pc = pcWith([
      { type: 'candidate-pair', state: 'in-progress' },
      { type: 'candidate-pair', state: 'in-progress' },
      { type: 'candidate-pair', state: 'failed' },
      { type: 'inbound-rtp' },
    ]);
    expect(await describeIce(pc)).toBe('ICE checking, gathering complete, signaling stable, pairs: 2 in-progress, 1 failed');
  });

  it('says none when there is nothing to check, and survives a closed connection', async () => {
    expect(await describeIce(pcWith([], { iceGatheringState: 'gathering' }))).toMatch(/gathering gathering, .*pairs: none$/);
    const closed = { ...pcWith([]), getStats: async () => { throw new Error('closed'); } };
    expect(await describeIce(closed)).toMatch(/pairs: none$/);
  });
});
