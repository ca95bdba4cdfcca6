/**
 * The moments of a call's setup (REST answers, socket open, join, admission, offer and answer,
 * candidates, ICE and DTLS connected, first media) as `ssv:<name>` marks on the page's
 * performance timeline, which the call-setup benchmark reads (infra/benchmarks CallSetupBenchmark).
 * In the end-to-end test build only: Vite replaces the mode with a constant, so a production
 * build keeps an empty function.
 */
export function markSetup(name) {
  if (import.meta.env.MODE === 'e2e') performance.mark(`ssv:${name}`);
}
