// When to fetch fresh TURN credentials: a margin before they expire that grows with their
// lifetime (20 %, between 30 s and 5 min), never sooner than 5 s from now.

export const MIN_REFRESH_DELAY_MS = 5_000;

export function refreshMarginMs(ttlSeconds) {
  const ttlMs = Number(ttlSeconds) > 0 ? Number(ttlSeconds) * 1000 : 0;
  return Math.min(300_000, Math.max(30_000, ttlMs * 0.2));
}

/** Milliseconds from `nowMs` until the credentials of `config` should be refreshed, or null if they do not expire. */
export function refreshDelayMs(config, nowMs = Date.now()) {
  let expiresMs = config?.expiresAt ? new Date(config.expiresAt).getTime() : NaN;
  if (Number.isNaN(expiresMs) && Number(config?.ttl) > 0) expiresMs = nowMs + Number(config.ttl) * 1000;
  if (Number.isNaN(expiresMs)) return null;
  return Math.max(MIN_REFRESH_DELAY_MS, expiresMs - nowMs - refreshMarginMs(config?.ttl));
}

/**
 * The RTCConfiguration for a peer connection; `forcedPolicy` (e.g. 'relay' for tests) wins.
 * A candidate pool of one: a link starts gathering (and allocating on the TURN server) when it
 * is made, not when it answers, so the side already in the room has its candidates ready with
 * its answer.
 */
export function rtcConfiguration(config, forcedPolicy) {
  const policy = forcedPolicy || config?.iceTransportPolicy || 'all';
  return {
    iceServers: Array.isArray(config?.iceServers) ? config.iceServers : [],
    iceTransportPolicy: policy === 'relay' ? 'relay' : 'all',
    iceCandidatePoolSize: 1,
  };
}

/** True when the config carries at least one TURN server (needed for the relay check). */
export function hasTurnServer(config) {
  return (config?.iceServers ?? []).some((s) => {
    const urls = Array.isArray(s.urls) ? s.urls : [s.urls ?? s.url];
    return urls.some((u) => typeof u === 'string' && /^turns?:/i.test(u));
  });
}
