// The call engine of this tab, kept apart from CallEngine so the rest of the app (token expiry,
// the test hook) can ask about it without loading the call code.
let engine = null;

export function setActiveEngine(value) {
  engine = value;
}

export function clearActiveEngine(value) {
  if (engine === value) engine = null;
}

export function activeEngine() {
  return engine && !engine.disposed ? engine : null;
}

export function isCallActive() {
  return activeEngine() !== null;
}

/**
 * window.__ssv, the hook the end-to-end tests use (see README.md). Fields a test set before
 * the app loaded (e.g. forceRelay via an init script) are kept.
 */
export function installTestHook() {
  window.__ssv = Object.assign(window.__ssv || {}, {
    peerConnections: () => (activeEngine() ? [...activeEngine().links.values()].map((l) => l.pc) : []),
    signalingSocket: () => activeEngine()?.signaling?.socket() ?? null,
    state: () => activeEngine()?.getSnapshot() ?? null,
  });
}
