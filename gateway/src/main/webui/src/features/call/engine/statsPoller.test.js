import { describe, expect, it } from 'vitest';
import { EARLY_RESTART_MS, describeIce, describeSignals, earlyRestartDue } from './statsPoller.js';

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
    expect(await describeIce(pc)).toMatch(/ICE checking, gathering complete, signaling stable, pairs: 2 in-progress, 1 failed,/);
  });

  it('says none when there is nothing to check, and survives a closed connection', async () => {
    expect(await describeIce(pcWith([], { iceGatheringState: 'gathering' }))).toMatch(/gathering gathering, .*pairs: none, DTLS none, setup local none remote none$/);
    const closed = { ...pcWith([]), getStats: async () => { throw new Error('closed'); } };
    expect(await describeIce(closed)).toMatch(/pairs: none,/);
  });

  it('says where DTLS stands when ICE is connected but the link is not: transport state, role and both sides\' a=setup', async () => {
    const pc = pcWith([
      { type: 'candidate-pair', state: 'succeeded' },
      { type: 'transport', dtlsState: 'connecting', dtlsRole: 'client' },
    ], {
      connectionState: 'connecting', iceConnectionState: 'connected',
      currentLocalDescription: { type: 'answer', sdp: 'v=0\r\na=setup:active\r\n' },
      currentRemoteDescription: { type: 'offer', sdp: 'v=0\r\na=setup:actpass\r\n' },
    });
    expect(await describeIce(pc)).toBe('pc connecting, ICE connected, gathering complete, signaling stable, pairs: 1 succeeded, '
      + 'DTLS connecting as client, setup local answer active remote offer actpass');
  });
});

describe('describeSignals', () => {
  it('lists what a link sent, could not send and received, by type', () => {
    expect(describeSignals({ sent: { offer: 1, 'ice-candidate': 4 }, unsent: {}, received: {} }))
      .toBe('sent 1 offer, 4 ice-candidate, received nothing');
    expect(describeSignals({ sent: {}, unsent: { answer: 1 }, received: { offer: 1 } }))
      .toBe('sent nothing, unsent 1 answer, received 1 offer');
  });
});

describe('earlyRestartDue', () => {
  const late = EARLY_RESTART_MS + 1;
  const linkWith = (pc, more = {}) => ({ connectedAt: null, earlyRestartDone: false, ...more, pc: {
    signalingState: 'stable', currentRemoteDescription: { type: 'answer' }, iceConnectionState: 'checking', ...pc,
  } });

  it('restarts a negotiated link whose ICE has not connected in time, once', () => {
    expect(earlyRestartDue(linkWith({}), late)).toBe(true);
    expect(earlyRestartDue(linkWith({ iceConnectionState: 'failed' }), late)).toBe(true);
    expect(earlyRestartDue(linkWith({}), EARLY_RESTART_MS - 1)).toBe(false);
    expect(earlyRestartDue(linkWith({}, { earlyRestartDone: true }), late)).toBe(false);
    expect(earlyRestartDue(linkWith({}, { connectedAt: 1 }), late)).toBe(false);
  });

  it('waits while the offer is unanswered or nothing was negotiated yet: a restart would only make both sides offer', () => {
    expect(earlyRestartDue(linkWith({ signalingState: 'have-local-offer', currentRemoteDescription: null }), late)).toBe(false);
    expect(earlyRestartDue(linkWith({ signalingState: 'have-remote-offer' }), late)).toBe(false);
    expect(earlyRestartDue(linkWith({ currentRemoteDescription: null }), late)).toBe(false);
  });

  it('leaves a link alone whose ICE is connected (DTLS is still finishing)', () => {
    expect(earlyRestartDue(linkWith({ iceConnectionState: 'connected' }), late)).toBe(false);
    expect(earlyRestartDue(linkWith({ iceConnectionState: 'completed' }), late)).toBe(false);
  });
});
