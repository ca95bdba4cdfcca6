import { backoffDelay } from './backoff.js';
import { markSetup } from './setupTimeline.js';

/**
 * ws(s)://<this origin>/ws/signaling?session=<id>: the gateway sends every socket of one session
 * to the same signaling instance, so the call's messages stay on that instance.
 */
export function signalingUrl(sessionId, location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const affinity = sessionId ? `?session=${encodeURIComponent(sessionId)}` : '';
  return `${scheme}//${location.host}/ws/signaling${affinity}`;
}

/** The subprotocols that carry the access token through a browser's WebSocket upgrade. */
export function bearerProtocols(token) {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

/** Error codes after which reconnecting cannot help. */
const FATAL_ERRORS = new Set(['invalid-ticket', 'room-full', 'replaced', 'session-ended', 'access-revoked']);

/**
 * One signaling WebSocket that reconnects with backoff and rejoins its room with a fresh
 * ticket every time (tickets are short-lived; the server gives the rejoin a new peerId).
 */
export class SignalingClient {
  constructor({ url = signalingUrl(), getToken, fetchTicket, onMessage, onStatus, onFatal }) {
    this.url = url;
    this.getToken = getToken;
    this.fetchTicket = fetchTicket;
    this.onMessage = onMessage;
    this.onStatus = onStatus;
    this.onFatal = onFatal;
    this.ws = null;
    this.attempt = 0;
    this.stopped = false;
    this.timer = null;
    this.ticket = null;
    this.generation = 0;
  }

  /** Starts with a ticket (or a promise of one) the caller already asked generate-room for. */
  start(initialTicket) {
    this.stopped = false;
    this.ticket = initialTicket ?? null;
    this.connect();
  }

  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.onStatus?.(this.attempt === 0 ? 'connecting' : 'reconnecting');
    // The ticket request and the WebSocket handshake run in parallel; join-room goes out once
    // both are done.
    const ticket = Promise.resolve(this.ticket ?? this.fetchTicket());
    this.ticket = null;
    // The access token may have expired during a long call: getToken may first refresh it.
    // A later connect (Retry) or stop() while that is pending makes this one moot.
    this.generation += 1;
    const generation = this.generation;
    const token = this.getToken();
    if (token && typeof token.then === 'function') {
      token.then((value) => this.open(ticket, value, generation), () => this.open(ticket, null, generation));
      return;
    }
    this.open(ticket, token, generation);
  }

  open(ticket, token, generation) {
    if (this.stopped || generation !== this.generation) {
      ticket.catch(() => {});
      return;
    }
    let ws;
    try {
      ws = new WebSocket(this.url, bearerProtocols(token));
      markSetup('ws-create');
    } catch {
      ticket.catch(() => {});
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    let opened = false;
    let ticketValue = null;
    const sendJoin = () => {
      if (!opened || !ticketValue || this.ws !== ws) return;
      ws.send(JSON.stringify({ type: 'join-room', ticket: ticketValue }));
      markSetup('join-sent');
    };
    ticket.then((value) => { ticketValue = value; sendJoin(); }, (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      ws.onclose = null;
      ws.close(1000);
      // 4xx: the server will not let us in any more (window closed, not a participant).
      if (e?.status >= 400 && e?.status < 500) {
        this.stop();
        this.onFatal?.({ code: 'ticket-refused', message: e.detail || e.message });
        return;
      }
      this.scheduleReconnect();
    });
    ws.onopen = () => {
      markSetup('ws-open');
      opened = true;
      sendJoin();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      let msg;
      try { msg = JSON.parse(event.data); } catch { return; }
      if (!msg || typeof msg.type !== 'string') return;
      markSetup(`got:${msg.type}`);
      if (msg.type === 'existing-participants' || msg.type === 'waiting') {
        this.attempt = 0;
        this.onStatus?.('open');
      }
      if (msg.type === 'error' && FATAL_ERRORS.has(msg.code)) {
        this.stop();
        this.onFatal?.(msg);
        return;
      }
      this.onMessage?.(msg);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      this.onMessage?.({ type: 'signaling-closed', code: event.code });
      this.scheduleReconnect();
    };
    ws.onerror = () => { /* onclose follows and reconnects */ };
  }

  scheduleReconnect() {
    if (this.stopped) return;
    this.onStatus?.('reconnecting');
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Drops the socket and rejoins at once (used by "Retry" after a failed connection). */
  reconnectNow() {
    if (this.stopped) return;
    const ws = this.ws;
    this.ws = null;
    this.attempt = 0;
    if (ws) { ws.onclose = null; ws.close(1000); }
    this.connect();
  }

  send(msg) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(msg));
      return true;
    }
    return false;
  }

  stop() {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      if (ws.readyState === WebSocket.OPEN) {
        try { ws.send(JSON.stringify({ type: 'leave-room' })); } catch { /* closing anyway */ }
      }
      ws.onclose = null;
      ws.close(1000);
    }
  }

  socket() {
    return this.ws;
  }
}
