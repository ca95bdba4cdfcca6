import { describe, expect, it } from 'vitest';
import {
  aggregateConnectionState, answerKeepingDtlsRole, dtlsRoleOf, iceRecoveryAction, isIceRestartRequest,
  isOfferCollision, isPolite, offeredFirst, offerStatingDtlsRole, shouldIgnoreOffer, DISCONNECTED_GRACE_MS,
  ICE_RESTART_REQUEST,
} from './negotiation.js';

describe('perfect negotiation', () => {
  it('makes the newcomer impolite and the one already present polite', () => {
    expect(isPolite({ newcomer: true })).toBe(false);
    expect(isPolite({ newcomer: false })).toBe(true);
  });

  it('sees no collision for answers or in stable state', () => {
    expect(isOfferCollision({ descriptionType: 'answer', makingOffer: true, signalingState: 'have-local-offer' })).toBe(false);
    expect(isOfferCollision({ descriptionType: 'offer', makingOffer: false, signalingState: 'stable' })).toBe(false);
  });

  it('detects glare while making an offer or with a local offer pending', () => {
    expect(isOfferCollision({ descriptionType: 'offer', makingOffer: true, signalingState: 'stable' })).toBe(true);
    expect(isOfferCollision({ descriptionType: 'offer', makingOffer: false, signalingState: 'have-local-offer' })).toBe(true);
  });

  it('does not count an answer being applied as a collision', () => {
    expect(isOfferCollision({
      descriptionType: 'offer', makingOffer: false, signalingState: 'have-local-offer', isSettingRemoteAnswerPending: true,
    })).toBe(false);
  });

  it('lets only the impolite peer ignore a colliding offer', () => {
    expect(shouldIgnoreOffer({ polite: false, collision: true })).toBe(true);
    expect(shouldIgnoreOffer({ polite: true, collision: true })).toBe(false);
    expect(shouldIgnoreOffer({ polite: false, collision: false })).toBe(false);
  });
});

describe('ICE recovery', () => {
  it('restarts at once on failed', () => {
    expect(iceRecoveryAction({ connectionState: 'failed' })).toBe('restart');
  });

  it('waits out the grace period on disconnected', () => {
    expect(iceRecoveryAction({ connectionState: 'disconnected', disconnectedForMs: 100 })).toBe('wait');
    expect(iceRecoveryAction({ connectionState: 'disconnected', disconnectedForMs: DISCONNECTED_GRACE_MS })).toBe('restart');
  });

  it('never starts a second restart while one is in flight', () => {
    expect(iceRecoveryAction({ connectionState: 'failed', restartInFlight: true })).toBe('wait');
  });

  it('does nothing when connected', () => {
    expect(iceRecoveryAction({ connectionState: 'connected' })).toBe('none');
  });
});

describe('banner state from peers', () => {
  it('is connected when any peer is', () => {
    expect(aggregateConnectionState(['connecting', 'connected'])).toBe('connected');
  });
  it('is reconnecting when a peer is disconnected and none connected', () => {
    expect(aggregateConnectionState(['disconnected', 'connecting'])).toBe('reconnecting');
  });
  it('is failed only when every peer failed or closed', () => {
    expect(aggregateConnectionState(['failed', 'closed'])).toBe('failed');
    expect(aggregateConnectionState(['failed', 'new'])).toBe('connecting');
  });
  it('is none without peers', () => {
    expect(aggregateConnectionState([])).toBe('none');
  });
});

describe('DTLS roles across browsers', () => {
  const sdp = (setup) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=setup:${setup}\r\n`
    + `m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=setup:${setup}\r\n`;
  const desc = (type, setup) => ({ type, sdp: sdp(setup) });

  it('knows the DTLS role from the first negotiated descriptions', () => {
    // Firefox offered first, Chromium answered active: Chromium is the DTLS client, Firefox the server.
    expect(dtlsRoleOf({ currentLocalDescription: desc('answer', 'active'), currentRemoteDescription: desc('offer', 'actpass') })).toBe('client');
    expect(dtlsRoleOf({ currentLocalDescription: desc('offer', 'actpass'), currentRemoteDescription: desc('answer', 'active') })).toBe('server');
    expect(dtlsRoleOf({ currentLocalDescription: desc('offer', 'actpass'), currentRemoteDescription: desc('answer', 'passive') })).toBe('client');
    expect(dtlsRoleOf({ currentLocalDescription: desc('answer', 'passive'), currentRemoteDescription: desc('offer', 'actpass') })).toBe('server');
    expect(dtlsRoleOf({ currentLocalDescription: null, currentRemoteDescription: null })).toBe(null);
  });

  it("reads Firefox's active answer to the DTLS client's later offer as passive, on every m-line", () => {
    const fixed = answerKeepingDtlsRole(desc('answer', 'active'), 'client');
    expect(fixed.type).toBe('answer');
    expect(fixed.sdp).toBe(sdp('passive'));
  });

  it('leaves every other description as it is', () => {
    const active = desc('answer', 'active');
    expect(answerKeepingDtlsRole(active, null)).toBe(active); // the first negotiation
    expect(answerKeepingDtlsRole(active, 'server')).toBe(active); // chromium's true answer to Firefox the server
    const passive = desc('answer', 'passive');
    expect(answerKeepingDtlsRole(passive, 'client')).toBe(passive);
    const offer = desc('offer', 'actpass');
    expect(answerKeepingDtlsRole(offer, 'client')).toBe(offer);
  });

  it('states our DTLS role in later offers, on every m-line, so the answerer cannot start a new association', () => {
    expect(offerStatingDtlsRole(desc('offer', 'actpass'), 'client').sdp).toBe(sdp('active'));
    expect(offerStatingDtlsRole(desc('offer', 'actpass'), 'server').sdp).toBe(sdp('passive'));
    const first = desc('offer', 'actpass');
    expect(offerStatingDtlsRole(first, null)).toBe(first); // the first negotiation: actpass
    const answer = desc('answer', 'active');
    expect(offerStatingDtlsRole(answer, 'client')).toBe(answer);
  });
});

describe('ICE restarts only by the first offerer', () => {
  it('knows who offered first once both descriptions are negotiated', () => {
    const offer = { type: 'offer', sdp: '' };
    const answer = { type: 'answer', sdp: '' };
    expect(offeredFirst({ currentLocalDescription: offer, currentRemoteDescription: answer })).toBe(true);
    expect(offeredFirst({ currentLocalDescription: answer, currentRemoteDescription: offer })).toBe(false);
    expect(offeredFirst({ currentLocalDescription: offer, currentRemoteDescription: null })).toBe(null);
  });

  it('tells a restart request from a candidate, also after the JSON round trip through signaling', () => {
    expect(isIceRestartRequest(JSON.parse(JSON.stringify(ICE_RESTART_REQUEST)))).toBe(true);
    expect(isIceRestartRequest({ candidate: 'candidate:1 1 udp 1 192.0.2.2 5000 typ host', sdpMid: '0' })).toBe(false);
    expect(isIceRestartRequest(null)).toBe(false);
  });
});
