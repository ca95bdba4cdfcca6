// The room logic of a call as a pure function: a signaling message (or one of the engine's own
// events) and the state before it give the state after it and the effects the engine must carry
// out on the links and the socket. Nothing here touches WebRTC, timers or the network.

export const MAX_CHAT = 200;

const FATAL_MESSAGES = {
  'room-full': 'This call already has the maximum number of participants.',
  replaced: 'You joined this call from another window or device, so this one was disconnected.',
  'invalid-ticket': 'Your access to this call could not be verified. Please go back and join again.',
};

/**
 * Effects, carried out in order by the engine:
 * `{ type: 'connect', peerId, newcomer }` a new link (the newcomer makes the offers),
 * `{ type: 'disconnect', peerId }`, `{ type: 'disconnect-all' }` (the current links),
 * `{ type: 'close-all' }` (current and retiring links: the call is over),
 * `{ type: 'retire', peerId, peer }` (the link keeps its media until a new link to the same
 * user connects: make-before-break across a signaling reconnect),
 * `{ type: 'describe', peerId, sdp }` and `{ type: 'candidate', peerId, candidate }` for a link,
 * `{ type: 'rejoin-later' }` (a fresh connection in 2 s), `{ type: 'log', message }`.
 */
export function reduceMessage(state, msg) {
  switch (msg.type) {
    case 'existing-participants': {
      // A (re)join: the server gave us a new peerId and the others dropped our old one, so every
      // link is rebuilt; we are the newcomer and make the offers. The old links keep the media
      // flowing until the new ones connect (a lost signaling instance must not stop the call).
      const peers = (msg.participants ?? []).map(peerOf);
      const retire = state.peers.map((p) => ({ type: 'retire', peerId: p.peerId, peer: peerOf(p) }));
      return {
        state: {
          ...state, peers, waitingList: [], myPeerId: msg.peerId, roomId: msg.roomId ?? state.roomId,
          inRoom: true, waitingRoom: false, connectionFailed: false, signaling: 'open',
        },
        effects: [...retire, { type: 'disconnect-all' }, ...peers.map((p) => ({ type: 'connect', peerId: p.peerId, newcomer: true }))],
      };
    }
    case 'waiting':
      return only({ ...state, myPeerId: msg.peerId, waitingRoom: true, inRoom: false, signaling: 'open' });
    case 'admitted':
      return only({ ...state, waitingRoom: false });
    case 'user-joined': {
      const known = hasPeer(state, msg.peerId);
      const peer = peerOf(msg);
      return {
        state: {
          ...state,
          peers: known ? state.peers.map((p) => (p.peerId === msg.peerId ? peer : p)) : [...state.peers, peer],
          waitingList: state.waitingList.filter((w) => w.peerId !== msg.peerId),
          participantLeft: null,
        },
        effects: known ? [] : [{ type: 'connect', peerId: msg.peerId, newcomer: false }],
      };
    }
    case 'user-waiting':
      if (state.waitingList.some((w) => w.peerId === msg.peerId)) return only(state);
      return only({ ...state, waitingList: [...state.waitingList, { peerId: msg.peerId, userId: msg.userId, name: msg.name }] });
    case 'user-left': {
      const waitingList = state.waitingList.filter((w) => w.peerId !== msg.peerId);
      const leaving = state.peers.find((p) => p.peerId === msg.peerId);
      if (!leaving) return only(waitingList.length === state.waitingList.length ? state : { ...state, waitingList });
      const peers = state.peers.filter((p) => p !== leaving);
      // A peer replaced by its own rejoin, or whose signaling instance was lost, comes straight
      // back (with a new peerId): no End/Wait question, and its link carries the media until then.
      const comingBack = msg.reason === 'replaced' || msg.reason === 'instance-lost';
      const alone = !comingBack && peers.length === 0;
      return {
        state: {
          ...state, waitingList, peers,
          participantLeft: alone ? { name: leaving.name ?? 'The other participant', reason: msg.reason } : state.participantLeft,
        },
        effects: [comingBack
          ? { type: 'retire', peerId: msg.peerId, peer: { ...peerOf(leaving), userId: leaving.userId ?? msg.userId } }
          : { type: 'disconnect', peerId: msg.peerId }],
      };
    }
    case 'offer':
    case 'answer': {
      if (hasPeer(state, msg.from)) return { state, effects: [{ type: 'describe', peerId: msg.from, sdp: msg.sdp }] };
      if (msg.type === 'answer') return only(state);
      // An offer may overtake the user-joined announcing its sender.
      return {
        state: { ...state, peers: [...state.peers, { peerId: msg.from }] },
        effects: [{ type: 'connect', peerId: msg.from, newcomer: false }, { type: 'describe', peerId: msg.from, sdp: msg.sdp }],
      };
    }
    case 'ice-candidate':
      return hasPeer(state, msg.from) ? { state, effects: [{ type: 'candidate', peerId: msg.from, candidate: msg.candidate }] } : only(state);
    case 'chat': {
      const entry = {
        id: `${msg.at}-${msg.from}-${state.chat.length}`, from: msg.from, name: msg.name, text: msg.text, at: msg.at,
        mine: msg.from === state.myPeerId,
      };
      return only({ ...state, chat: [...state.chat, entry].slice(-MAX_CHAT) });
    }
    case 'error': {
      const log = { type: 'log', message: `signaling error ${msg.code}: ${msg.message}` };
      // not-in-room and bad-message mostly follow a peer that just left (late candidates):
      // nothing the user can act on, so they are only logged.
      if (msg.code !== 'unavailable' && msg.code !== 'rate-limited') return { state, effects: [log] };
      // A join the server could not complete is tried again on a fresh connection: the first
      // join, and a rejoin after a lost socket (inRoom stays true while media flows on).
      const joined = state.signaling === 'open' && (state.inRoom || state.waitingRoom);
      const retry = msg.code === 'unavailable' && !joined;
      return {
        state: { ...state, notice: 'The call service is busy; retrying…' },
        effects: retry ? [log, { type: 'rejoin-later' }] : [log],
      };
    }
    case 'signaling-closed':
      // Media keeps flowing peer to peer; links are rebuilt when the rejoin lands.
      return only({ ...state, signaling: 'reconnecting' });
    case 'fatal':
      // The engine's own event: replaced / room full / invalid ticket end the call.
      return {
        state: {
          ...state, peers: [], inRoom: false,
          fatal: { code: msg.code, message: FATAL_MESSAGES[msg.code] || msg.message || 'The call cannot continue.' },
        },
        effects: [{ type: 'close-all' }],
      };
    case 'link-dropped':
      // The engine's own event: a leftover link given up quietly (see CallEngine).
      return { state: { ...state, peers: state.peers.filter((p) => p.peerId !== msg.peerId) }, effects: [{ type: 'disconnect', peerId: msg.peerId }] };
    default:
      return only(state);
  }
}

function only(state) {
  return { state, effects: [] };
}

function hasPeer(state, peerId) {
  return state.peers.some((p) => p.peerId === peerId);
}

function peerOf(p) {
  return { peerId: p.peerId, userId: p.userId, name: p.name, role: p.role };
}
