// A minimal CallEngine for loop.js: the SPA's own reducer, LinkManager (PeerLink) and StatsPoller, fed by
// server.js. Exposes join/dropSocket/snapshot for loop.js.
import { LinkManager } from '/engine/linkManager.js';
import { StatsPoller } from '/engine/statsPoller.js';
import { reduceMessage } from '/engine/messageReducer.js';

const t0 = performance.now();
const logs = [];
const L = (m) => logs.push(`${((performance.now() - t0) / 1000).toFixed(2)} ${m}`);
window.harnessLog = logs;
let state = { peers: [], waitingList: [], chat: [], participantLeft: null, inRoom: false, waitingRoom: false,
  signaling: 'connecting', connectionFailed: false, fatal: null, notice: null };
let ws = null;
let user = null;
let stream = null;

const links = new LinkManager({
  rtcConfig: () => ({ iceServers: [], iceTransportPolicy: 'all' }),
  localStream: () => stream,
  outgoingVideoTrack: () => stream.getVideoTracks()[0],
  send: (m) => {
    if (!ws || ws.readyState !== 1) return false;
    if (window.munge) m = window.munge(m);
    if (m.type !== 'ice-candidate') L(`send ${m.type} to ${m.to} ${summarize(m.sdp)}`);
    ws.send(JSON.stringify(m));
    return true;
  },
  onChange: () => {},
  log: L,
});
window.links = links;
const stats = new StatsPoller({
  links: () => links.values(),
  onTimeout: (link) => L(`timeout ${link.peerId}`),
  onPoll: () => {},
  onMediaFlowing: (link) => {
    if (!links.isCurrent(link)) return;
    L(`media flowing on ${link.peerId}`);
    links.settle(state.peers.find((p) => p.peerId === link.peerId)?.userId);
  },
  log: L,
});

function summarize(sdp) {
  if (!sdp?.sdp) return '';
  const s = sdp.sdp;
  return `${sdp.type} ufrag=${/a=ice-ufrag:(\S+)/.exec(s)?.[1]} setup=${/a=setup:(\w+)/.exec(s)?.[1]}`;
}

function dispatch(msg) {
  if (msg.type !== 'ice-candidate') L(`recv ${msg.type} from ${msg.from ?? ''} ${msg.peerId ?? ''} ${msg.reason ?? ''} ${summarize(msg.sdp)}`);
  const { state: next, effects } = reduceMessage(state, msg);
  for (const e of effects) {
    if (e.type === 'log') L(e.message);
    else if (e.type === 'rejoin-later') setTimeout(() => connect(), 2000);
    else {
      if (e.type === 'disconnect' || e.type === 'retire') stats.forget(e.peerId);
      links.apply(e);
      if (e.type === 'retire' && next.peers.some((p) => p.userId === e.peer.userId && links.get(p.peerId)?.mediaFlowing)) {
        links.settle(e.peer.userId);
      }
    }
  }
  state = next;
}

function connect() {
  ws = new WebSocket(`ws://${location.host}/ws?user=${user}`);
  ws.onmessage = ({ data }) => dispatch(JSON.parse(data));
  ws.onclose = () => { dispatch({ type: 'signaling-closed' }); };
}

window.join = async (name) => {
  user = name;
  stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
  connect();
  stats.start();
};

/** Closes the socket; a new one (a rejoin) after `delayMs`, as SignalingClient's backoff. */
window.dropSocket = (delayMs = 600) => {
  const old = ws;
  old.onclose = () => { dispatch({ type: 'signaling-closed' }); setTimeout(connect, delayMs); };
  old.close();
};

window.restartIce = () => { for (const l of links.values()) l.pc.restartIce(); };

async function linkSnapshot(link, retiring) {
  const out = { peerId: link.peerId, retiring, closed: link.closed, pc: link.pc.connectionState, ice: link.pc.iceConnectionState,
    signaling: link.pc.signalingState, mediaFlowing: link.mediaFlowing, polite: link.polite, dtlsRole: link.dtlsRole,
    videoIn: null, audioIn: null, videoOut: null, pairs: [], transports: [] };
  if (link.closed) return out;
  const report = await link.pc.getStats();
  const byId = new Map();
  report.forEach((s) => byId.set(s.id, s));
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') out.videoIn = { ssrc: s.ssrc, mid: s.mid, framesDecoded: s.framesDecoded, packetsReceived: s.packetsReceived, pliCount: s.pliCount, nackCount: s.nackCount, bytes: s.bytesReceived };
    if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioIn = { ssrc: s.ssrc, packetsReceived: s.packetsReceived };
    if (s.type === 'outbound-rtp' && s.kind === 'video') out.videoOut = { ssrc: s.ssrc, mid: s.mid, packetsSent: s.packetsSent, framesEncoded: s.framesEncoded, pliCount: s.pliCount, nackCount: s.nackCount, limit: s.qualityLimitationReason, target: s.targetBitrate };
    if (s.type === 'candidate-pair' && (s.nominated || s.selected)) {
      const l = byId.get(s.localCandidateId); const r = byId.get(s.remoteCandidateId);
      out.pairs.push(`${s.state}${s.selected ? ' selected' : ''} ${l?.address ?? l?.ip}:${l?.port} -> ${r?.address ?? r?.ip}:${r?.port} sent ${s.bytesSent} recv ${s.bytesReceived}`);
    }
    if (s.type === 'transport') out.transports.push(`${s.dtlsState}/${s.iceState} role ${s.dtlsRole} sel ${s.selectedCandidatePairId}`);
  });
  const d = (x) => x ? { type: x.type, ufrag: /a=ice-ufrag:(\S+)/.exec(x.sdp)?.[1], setup: [...x.sdp.matchAll(/a=setup:(\w+)/g)].map((m) => m[1]).join(','),
    mids: [...x.sdp.matchAll(/a=mid:(\S+)/g)].map((m) => m[1]).join(','), ssrcs: [...new Set([...x.sdp.matchAll(/a=ssrc:(\d+)/g)].map((m) => m[1]))].join(','),
    midExt: /a=extmap:(\d+)\S* urn:ietf:params:rtp-hdrext:sdes:mid/.exec(x.sdp)?.[1], bundle: /a=group:BUNDLE ([^\r]*)/.exec(x.sdp)?.[1] } : null;
  out.local = d(link.pc.currentLocalDescription);
  out.remote = d(link.pc.currentRemoteDescription);
  return out;
}

window.snapshot = async () => ({
  myPeerId: state.myPeerId,
  links: await Promise.all([...[...links.values()].map((l) => linkSnapshot(l, false)), ...links.retiringLinks().map((e) => linkSnapshot(e.link, true))]),
});
window.currentVideo = async () => {
  const link = [...links.values()][0];
  if (!link || link.closed) return null;
  let frames = 0; let audio = 0;
  (await link.pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    if (s.type === 'inbound-rtp' && s.kind === 'audio') audio += s.packetsReceived ?? 0;
  });
  return { peerId: `${link.peerId}@${Math.round(link.createdAt)}`, frames, audio, retiring: links.retiringLinks().length };
};
window.sdps = () => [...links.values()].map((l) => ({ local: l.pc.currentLocalDescription?.sdp, remote: l.pc.currentRemoteDescription?.sdp }));
window.harnessReady = true;
