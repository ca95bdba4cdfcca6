import { describe, expect, it } from 'vitest';
import {
  aggregateConnectionState, iceRecoveryAction, isOfferCollision, isPolite, shouldIgnoreOffer, DISCONNECTED_GRACE_MS,
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
