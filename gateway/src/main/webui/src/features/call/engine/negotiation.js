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
 * DTLS roles across browsers. The first negotiation fixes each side's DTLS role (the answerer
 * that chose `a=setup:active` is the client) and it never changes afterwards. Firefox, answering
 * a later offer (an ICE restart, any renegotiation) from a peer that is already the DTLS client,
 * still answers `active`; Chromium then rejects the answer ("Failed to set SSL role for the
 * transport") and stays stuck with its offer, so the restart never happens. Firefox keeps its
 * DTLS association (the server side) meanwhile, so reading its answer as `passive` is what it
 * does. The role is remembered from the first negotiation, not read again from later
 * descriptions: Firefox's own later answers claim `active` while it stays the server.
 */
const setupOf = (description) => /^a=setup:(\w+)/m.exec(description?.sdp ?? '')?.[1] ?? null;

/** 'client' or 'server' once both descriptions are negotiated, else null. */
export function dtlsRoleOf({ currentLocalDescription, currentRemoteDescription }) {
  if (!currentLocalDescription || !currentRemoteDescription) return null;
  const client = currentLocalDescription.type === 'answer'
    ? setupOf(currentLocalDescription) === 'active'
    : setupOf(currentRemoteDescription) === 'passive';
  return client ? 'client' : 'server';
}

/**
 * A later offer of ours (an ICE restart, any renegotiation) stating our DTLS role instead of
 * `actpass`, as JSEP allows for interop. With `actpass` on an ICE restart Firefox may answer
 * `active` and start a new DTLS association as the client while Chromium stays the client of the
 * old one: media stopped one way or ICE "failed" in about half of such restarts. Stating the role
 * leaves the answerer one consistent answer. The first offer (no role yet) stays `actpass`.
 */
export function offerStatingDtlsRole(offer, dtlsRole) {
  if (offer?.type !== 'offer' || !dtlsRole) return offer;
  const setup = dtlsRole === 'client' ? 'active' : 'passive';
  return { type: 'offer', sdp: offer.sdp.replace(/^a=setup:actpass(\r?)$/gm, `a=setup:${setup}$1`) };
}

/** The remote answer, with `a=setup:active` read as `passive` when this side is the DTLS client. */
export function answerKeepingDtlsRole(answer, dtlsRole) {
  if (answer?.type !== 'answer' || dtlsRole !== 'client' || !/^a=setup:active\r?$/m.test(answer.sdp ?? '')) return answer;
  return { type: 'answer', sdp: answer.sdp.replace(/^a=setup:active(\r?)$/gm, 'a=setup:passive$1') };
}

/**
 * ICE restarts across browsers. The side that made a link's first offer is the controlling ICE
 * agent; an ICE restart offered by the other side makes the offerer controlling (RFC 8445), so
 * both agents must swap roles. Between Chromium and Firefox ESR that swap sometimes fails: after
 * Chromium's restart of a link Firefox had offered first, Firefox's new ICE generation stayed in
 * `checking` with no selected pair while it went on sending on the old one, and Chromium's video
 * to Firefox stopped (its bandwidth estimate fell to 30 kbps without Firefox's feedback). Restarts
 * offered by the first offerer never showed it (infra/e2e/README.md, "Known flaky"). So only the
 * first offerer restarts ICE; the other side asks it to, with {@link ICE_RESTART_REQUEST} sent as
 * the candidate of an `ice-candidate` message (signaling relays the candidate as it is).
 */
export const ICE_RESTART_REQUEST = { iceRestart: 'requested' };

export function isIceRestartRequest(candidate) {
  return candidate?.iceRestart === ICE_RESTART_REQUEST.iceRestart;
}

/** true when this side made the link's first offer, false when it answered it, null before that. */
export function offeredFirst({ currentLocalDescription, currentRemoteDescription }) {
  if (!currentLocalDescription || !currentRemoteDescription) return null;
  return currentLocalDescription.type === 'offer';
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
