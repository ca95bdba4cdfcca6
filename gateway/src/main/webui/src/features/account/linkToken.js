/**
 * The token of a mailed link: it travels in the URL fragment (#token=…), which browsers never send
 * to a server, so it stays out of access logs and Referer headers.
 */
export function linkToken(hash) {
  return new URLSearchParams((hash || '').replace(/^#/, '')).get('token');
}
