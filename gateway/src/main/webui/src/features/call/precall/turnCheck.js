import { hasTurnServer } from '../engine/credentials.js';

/**
 * Checks that the minted TURN credentials work: a relay-only RTCPeerConnection must gather a
 * relay candidate, which needs a successful TURN Allocate with those credentials.
 * Resolves to {status: 'ok'|'failed'|'unavailable', ms?, detail}.
 */
export async function checkTurn(config, timeoutMs = 8000) {
  if (!hasTurnServer(config)) {
    return { status: 'unavailable', detail: 'No TURN server is configured; calls work on open networks only.' };
  }
  const started = performance.now();
  const pc = new RTCPeerConnection({ iceServers: config.iceServers, iceTransportPolicy: 'relay' });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ status: 'failed', detail: 'The relay server did not answer in time.' }), timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (candidate && (candidate.type === 'relay' || / typ relay /.test(candidate.candidate))) {
          clearTimeout(timer);
          resolve({ status: 'ok', ms: Math.round(performance.now() - started), detail: 'Relay server reachable.' });
        } else if (!candidate) {
          clearTimeout(timer);
          resolve({ status: 'failed', detail: 'The relay server could not be reached with the issued credentials.' });
        }
      };
      pc.createDataChannel('turn-check');
      pc.createOffer().then((offer) => pc.setLocalDescription(offer)).catch(() => {
        clearTimeout(timer);
        resolve({ status: 'failed', detail: 'The browser could not start the check.' });
      });
    });
  } finally {
    pc.close();
  }
}
