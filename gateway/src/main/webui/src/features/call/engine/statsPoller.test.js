import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EARLY_RESTART_MS, STALL_HEAL_POLLS, StatsPoller, describeIce, describeSignals, earlyRestartDue, remoteSendsNoVideo, remoteVideoReport,
  stallHealAction,
} from './statsPoller.js';

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

describe('stallHealAction', () => {
  const frozen = (more = {}) => ({
    mediaFlowing: true, remoteVideoMuted: false, stalledPolls: STALL_HEAL_POLLS, stallHeals: 0, pc: { signalingState: 'stable' }, ...more,
  });

  it('restarts ICE first, then renegotiates, then leaves the link alone', () => {
    expect(stallHealAction(frozen())).toBe('restart-ice');
    expect(stallHealAction(frozen({ stallHeals: 1 }))).toBe('renegotiate');
    expect(stallHealAction(frozen({ stallHeals: 2 }))).toBe('none');
  });

  it('waits for several polls without a frame', () => {
    expect(stallHealAction(frozen({ stalledPolls: STALL_HEAL_POLLS - 1 }))).toBe('none');
  });

  it('does nothing while the other camera is off, before media first flowed, or while a negotiation is under way', () => {
    expect(stallHealAction(frozen({ remoteVideoMuted: true }))).toBe('none');
    expect(stallHealAction(frozen({ mediaFlowing: false }))).toBe('none');
    expect(stallHealAction(frozen({ pc: { signalingState: 'have-local-offer' } }))).toBe('none');
    expect(stallHealAction(frozen({ retired: true }))).toBe('none');
  });
});

describe('StatsPoller heals a frozen remote video', () => {
  let now;
  beforeEach(() => {
    now = 100_000;
    vi.stubGlobal('performance', { now: () => now });
  });
  afterEach(() => vi.unstubAllGlobals());

  /** A connected link decoding `frames()` remote video frames, with the calls a heal makes recorded. */
  const linkDecoding = (frames, more = {}, senderReport = () => null) => {
    const link = {
      peerId: 'p1', createdAt: 0, connectedAt: 1, failed: false, mediaFlowing: false, remoteVideoMuted: false,
      remoteVideoStalled: false, signals: {}, negotiate: vi.fn(), applyBitrateLevel: vi.fn(), ...more,
    };
    link.pc = {
      connectionState: 'connected', iceConnectionState: 'connected', iceGatheringState: 'complete', signalingState: 'stable',
      restartIce: vi.fn(),
      getStats: async () => new Map([
        ['v', { type: 'inbound-rtp', kind: 'video', framesDecoded: frames(), packetsReceived: 6, bytesReceived: 900 }],
        ...(senderReport() ? [['r', { type: 'remote-outbound-rtp', kind: 'video', ...senderReport() }]] : []),
      ]),
    };
    return link;
  };
  const pollerFor = (link, log = vi.fn()) => new StatsPoller({ links: () => [link], onTimeout: vi.fn(), onPoll: vi.fn(), log });
  const pollTimes = async (poller, n) => { for (let i = 0; i < n; i += 1) { now += 2000; await poller.poll(); } };

  it('restarts ICE once the frames stop for STALL_HEAL_POLLS polls, logging what the link received; renegotiates if that did not help', async () => {
    let frames = 0;
    const link = linkDecoding(() => frames);
    const log = vi.fn();
    const poller = pollerFor(link, log);
    frames = 2; // the first frames of a new link, then nothing more
    await pollTimes(poller, 1 + STALL_HEAL_POLLS - 1);
    expect(link.pc.restartIce).not.toHaveBeenCalled();
    await pollTimes(poller, 1);
    expect(link.pc.restartIce).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(
      /^remote video from p1 frozen, 3 polls without a new frame: frames decoded 2, packets received 6 \(900 bytes\).*pc connected, ICE connected.*; restarting ICE$/,
    ));
    expect(link.negotiate).not.toHaveBeenCalled();

    await pollTimes(poller, STALL_HEAL_POLLS);
    expect(link.negotiate).toHaveBeenCalledTimes(1);
    await pollTimes(poller, 3 * STALL_HEAL_POLLS);
    expect(link.pc.restartIce).toHaveBeenCalledTimes(1);
    expect(link.negotiate).toHaveBeenCalledTimes(1);
  });

  it('heals a later freeze again once frames flowed in between', async () => {
    let frames = 2;
    const link = linkDecoding(() => frames);
    const poller = pollerFor(link);
    await pollTimes(poller, 1 + STALL_HEAL_POLLS);
    expect(link.pc.restartIce).toHaveBeenCalledTimes(1);
    frames = 40;
    await pollTimes(poller, 1);
    expect(link.remoteVideoStalled).toBe(false);
    await pollTimes(poller, STALL_HEAL_POLLS);
    expect(link.pc.restartIce).toHaveBeenCalledTimes(2);
  });

  it('leaves alone a link whose other side reports sending no video (its camera off, the track not muted)', async () => {
    let reportedAt = 1000;
    const link = linkDecoding(() => 2, {}, () => ({ packetsSent: 1447, remoteTimestamp: (reportedAt += 1000) }));
    await pollTimes(pollerFor(link), 4 * STALL_HEAL_POLLS);
    expect(link.pc.restartIce).not.toHaveBeenCalled();
  });

  it('heals a freeze while the other side reports sending, or sends no reports at all', async () => {
    let sent = 1386;
    let reportedAt = 1000;
    const sending = linkDecoding(() => 2, {}, () => ({ packetsSent: (sent += 50), remoteTimestamp: (reportedAt += 1000) }));
    await pollTimes(pollerFor(sending), 1 + STALL_HEAL_POLLS);
    expect(sending.pc.restartIce).toHaveBeenCalledTimes(1);
    const silent = linkDecoding(() => 2, {}, () => ({ packetsSent: 1386, remoteTimestamp: 1000 }));
    await pollTimes(pollerFor(silent), 1 + STALL_HEAL_POLLS);
    expect(silent.pc.restartIce).toHaveBeenCalledTimes(1);
  });

  it('leaves alone a link whose video stream is missing from the stats for a while (Firefox, during an ICE restart)', async () => {
    let frames = 40;
    const link = linkDecoding(() => frames);
    const poller = pollerFor(link);
    await pollTimes(poller, 2);
    expect(link.mediaFlowing).toBe(true);
    frames = 0;
    await pollTimes(poller, 4 * STALL_HEAL_POLLS);
    expect(link.pc.restartIce).not.toHaveBeenCalled();
  });

  it('leaves alone a link whose other camera is off (muted track) and one that never decoded a frame', async () => {
    const cameraOff = linkDecoding(() => 2, { remoteVideoMuted: true });
    await pollTimes(pollerFor(cameraOff), 4 * STALL_HEAL_POLLS);
    const neverFlowed = linkDecoding(() => 0);
    await pollTimes(pollerFor(neverFlowed), 4 * STALL_HEAL_POLLS);
    for (const link of [cameraOff, neverFlowed]) {
      expect(link.pc.restartIce).not.toHaveBeenCalled();
      expect(link.negotiate).not.toHaveBeenCalled();
    }
  });
});

describe('remoteSendsNoVideo', () => {
  const report = (...stats) => new Map(stats.map((s, i) => [`s${i}`, s]));

  it('reads the other side\'s video sender reports', () => {
    expect(remoteVideoReport(report(
      { type: 'remote-outbound-rtp', kind: 'video', packetsSent: 1447, remoteTimestamp: 5000 },
      { type: 'remote-outbound-rtp', kind: 'audio', packetsSent: 900, remoteTimestamp: 6000 },
    ))).toEqual({ packetsSent: 1447, reportedAt: 5000 });
    expect(remoteVideoReport(report())).toEqual({ packetsSent: 0, reportedAt: null });
  });

  it('is true only for a new report that counts no new packet (the camera off over there)', () => {
    const at = (packetsSent, reportedAt) => ({ packetsSent, reportedAt });
    expect(remoteSendsNoVideo(at(1447, 5000), at(1447, 6000))).toBe(true);
    expect(remoteSendsNoVideo(at(1386, 5000), at(1500, 6000))).toBe(false); // it sends: a freeze here
    expect(remoteSendsNoVideo(at(1386, 5000), at(1386, 5000))).toBe(false); // no new report: nothing known
    expect(remoteSendsNoVideo(null, at(1447, 6000))).toBe(false);
    expect(remoteSendsNoVideo(at(0, null), at(0, null))).toBe(false);
  });
});
