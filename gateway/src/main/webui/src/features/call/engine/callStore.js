/**
 * The call's state for React (`useSyncExternalStore`): one mutable working copy, published as an
 * immutable snapshot with the fields `derive` computes from things outside the store (the live
 * links: participants, the banner status).
 */
export function createCallStore(initial, derive = () => ({})) {
  let state = { ...initial };
  let snapshot = { ...state };
  const listeners = new Set();

  function emit() {
    snapshot = { ...state, ...derive(state) };
    listeners.forEach((l) => l());
  }

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    /** The current working state (not a snapshot: read it, don't keep it). */
    get: () => state,
    /** Merges `patch` and publishes a new snapshot. */
    set: (patch) => {
      state = { ...state, ...patch };
      emit();
    },
    /** Replaces the state with `next` (a reducer's result) and publishes. */
    replace: (next) => {
      state = next;
      emit();
    },
    /** Publishes again: something `derive` reads (a link) changed. */
    emit,
  };
}

/** What a call starts with, before the server says anything. */
export function initialCallState(localStream) {
  return {
    signaling: 'connecting',
    inRoom: false,
    waitingRoom: false,
    myPeerId: null,
    roomId: null,
    /** The remote peers this side has a link to: [{ peerId, name, role, userId }]. */
    peers: [],
    participants: [],
    waitingList: [],
    chat: [],
    quality: { level: 'unknown' },
    audioOnlySuggestion: 0,
    cameraOn: localStream?.getVideoTracks().some((t) => t.enabled) ?? false,
    micOn: localStream?.getAudioTracks().some((t) => t.enabled) ?? false,
    hasCamera: (localStream?.getVideoTracks().length ?? 0) > 0,
    screenSharing: false,
    screenStream: null,
    callStartedAt: null,
    everConnected: false,
    participantLeft: null,
    connectionFailed: false,
    fatal: null,
    notice: null,
    status: 'connecting',
  };
}
