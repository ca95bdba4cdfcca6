import { activeEngine } from '../../../shared/activeCall.js';

/**
 * window.__ssv, the hook the end-to-end tests use (see README.md). Fields a test set before
 * the app loaded (e.g. forceRelay via an init script) are kept.
 */
export function installTestHook() {
  window.__ssv = Object.assign(window.__ssv || {}, {
    peerConnections: () => activeEngine()?.links.peerConnections() ?? [],
    signalingSocket: () => activeEngine()?.signaling?.socket() ?? null,
    state: () => activeEngine()?.getSnapshot() ?? null,
  });
}
