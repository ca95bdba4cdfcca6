import { refreshDelayMs } from './credentials.js';

const RETRY_MS = 10_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Fetches fresh TURN credentials before the current ones expire (see credentials.js for when),
 * hands them to `apply`, and keeps doing so until `stop()`. After a failed fetch the timer is
 * armed again 10 s later for the credentials in use.
 * A fetch still in flight when `stop()` is called is ignored when it lands: nothing re-arms.
 */
export class CredentialRefresh {
  constructor({ fetchConfig, apply, log = () => {} }) {
    this.fetchConfig = fetchConfig;
    this.apply = apply;
    this.log = log;
    this.timer = null;
    this.stopped = false;
  }

  /** Arms the timer for the credentials of `config`. */
  schedule(config) {
    clearTimeout(this.timer);
    this.current = config;
    if (this.stopped) return;
    const delay = refreshDelayMs(config);
    if (delay === null || delay > MAX_TIMEOUT_MS) return;
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  async refresh() {
    let config;
    try {
      config = await this.fetchConfig();
    } catch (e) {
      if (this.stopped) return;
      this.log(`credential refresh failed: ${e.message}`);
      this.timer = setTimeout(() => this.schedule(this.current), RETRY_MS);
      return;
    }
    if (this.stopped) return;
    this.apply(config);
    this.log('TURN credentials refreshed');
    this.schedule(config);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
  }
}
