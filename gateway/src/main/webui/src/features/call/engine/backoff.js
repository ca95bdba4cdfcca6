// Reconnect delays: exponential with full jitter, capped, so a restarted signaling service is
// not hit by every client at the same instant.

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 15_000, factor: 2 };

/** Upper bound of the delay before reconnect attempt `attempt` (0-based). */
export function backoffCeiling(attempt, { baseMs, maxMs, factor } = DEFAULT_BACKOFF) {
  const n = Math.max(0, Math.floor(attempt));
  return Math.min(maxMs, baseMs * Math.pow(factor, n));
}

/** Delay before attempt `attempt`; `random` in [0,1) is injectable for tests. */
export function backoffDelay(attempt, options = DEFAULT_BACKOFF, random = Math.random) {
  const ceiling = backoffCeiling(attempt, options);
  // Never below half the ceiling: a storm of immediate retries helps no one.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
