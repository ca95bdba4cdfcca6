import { activeEngine } from '../../../shared/activeCall.js';

/**
 * window.__ssv, the hook the end-to-end tests use (see README.md): the live RTCPeerConnections,
 * the signaling socket and the call's state. Fields a test set before the app loaded (e.g.
 * forceRelay via an init script) are kept. Installed only by the test build (Vite mode `e2e`,
 * `npm run build:e2e`): every caller checks `import.meta.env.MODE === 'e2e'`, which Vite replaces
 * with a constant, so a production build drops this module (testHook.build.test.js checks it).
 */
export function installTestHook() {
  window.__ssv = Object.assign(window.__ssv || {}, {
    peerConnections: () => [...(activeEngine()?.links.values() ?? [])].map((link) => link.pc),
    // links replaced across a signaling reconnect that still carry media (make-before-break)
    retiringPeerConnections: () => (activeEngine()?.links.retiringLinks() ?? []).map(({ link }) => link.pc),
    signalingSocket: () => activeEngine()?.signaling?.socket() ?? null,
    state: () => activeEngine()?.getSnapshot() ?? null,
  });
}
