// Decisions of the W3C "perfect negotiation" pattern, kept pure so they can be tested apart
// from RTCPeerConnection. https://www.w3.org/TR/webrtc/#perfect-negotiation-example

/**
 * Roles: the participant already in the room when another joins is polite (it yields on
 * glare); the newcomer is impolite and makes the first offer. Both sides derive the same
 * answer from the order the server announced them in.
 */
export function isPolite({ newcomer }) {
  return !newcomer;
}

/** True when an incoming offer collides with one we are making or have pending. */
export function isOfferCollision({ descriptionType, makingOffer, signalingState, isSettingRemoteAnswerPending }) {
  if (descriptionType !== 'offer') return false;
  const stable = signalingState === 'stable' || isSettingRemoteAnswerPending;
  return makingOffer || !stable;
}

/** The impolite peer ignores a colliding offer; the polite one rolls back and accepts it. */
export function shouldIgnoreOffer({ polite, collision }) {
  return !polite && collision;
}

/**
 * What to do about the ICE connection state. 'disconnected' often heals by itself, so a
 * restart waits for a grace period; 'failed' restarts at once. Only one restart is in flight.
 */
export const DISCONNECTED_GRACE_MS = 2500;

export function iceRecoveryAction({ connectionState, disconnectedForMs = 0, restartInFlight = false }) {
  if (restartInFlight) return 'wait';
  if (connectionState === 'failed') return 'restart';
  if (connectionState === 'disconnected') {
    return disconnectedForMs >= DISCONNECTED_GRACE_MS ? 'restart' : 'wait';
  }
  return 'none';
}

/** Aggregate status for the banner from the per-peer connection states. */
export function aggregateConnectionState(states) {
  if (!states.length) return 'none';
  if (states.some((s) => s === 'connected')) return 'connected';
  if (states.some((s) => s === 'disconnected')) return 'reconnecting';
  if (states.every((s) => s === 'failed' || s === 'closed')) return 'failed';
  return 'connecting';
}
