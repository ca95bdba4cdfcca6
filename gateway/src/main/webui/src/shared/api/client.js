import { freshToken, refreshSession } from './session.js';

/** An API failure carrying the problem JSON's detail, which the UI shows as is. */
export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail || problem?.title || problem?.message || problem?.error
      || (status === 0 ? 'The server could not be reached. Check your connection.' : `Request failed (${status})`);
    super(detail);
    this.status = status;
    this.problem = problem ?? null;
    this.detail = detail;
  }
}

/** A query string of the given parameters, leaving out empty ones (`''` when none remain). */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, String(v)); });
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * What a failure says to the person at the screen: the problem's detail, prefixed with the field
 * it names when the detail does not already (e.g. "weekly.monday: a range must end after it starts").
 */
export function errorText(e) {
  const detail = e?.detail || e?.message || String(e);
  const field = e?.problem?.field;
  return field && !detail.startsWith(field) ? `${field}: ${detail}` : detail;
}

export async function api(path, {
  method = 'GET', body, signal, auth = true, withTotal = false, contentType,
} = {}) {
  const send = async (token) => {
    const headers = { Accept: 'application/json, application/problem+json' };
    // a body with its own type (a photo) goes as it is; anything else as JSON
    if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await fetch(path, {
        method, headers, signal, body: body === undefined || contentType ? body : JSON.stringify(body),
      });
    } catch (e) {
      if (e?.name === 'AbortError') throw e;
      throw new ApiError(0, null);
    }
  };
  let token = auth ? await freshToken() : null;
  let response = await send(token);
  if (response.status === 401 && token) {
    // Expired or revoked early (a clock jump, a sign-out elsewhere): one refresh, one retry.
    // Without a new token the refresh has signed the tab out (unless a call is running: its
    // media does not depend on the token).
    const renewed = await refreshSession();
    if (renewed && renewed !== token) {
      token = renewed;
      response = await send(token);
    }
  }
  if (await keysUnavailable(response)) {
    // The service could not check the token yet (its keys are on their way; the request was not
    // handled), so one retry after Retry-After, at most 5 s, usually succeeds.
    const seconds = Math.min(Number.parseInt(response.headers.get('Retry-After') ?? '', 10) || 1, 5);
    await new Promise((resolve) => { setTimeout(resolve, seconds * 1000); });
    response = await send(token);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 300) }; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  if (withTotal) {
    // list endpoints that answer a bare array give the number of matches in X-Total-Count
    const total = Number.parseInt(response.headers.get('X-Total-Count') ?? '', 10);
    return { items: asList(data), total: Number.isFinite(total) ? total : null };
  }
  return data;
}

/** A 503 `keys-unavailable`: the token could not be checked yet, not refused. */
async function keysUnavailable(response) {
  if (response.status !== 503) return false;
  try {
    return (await response.clone().json())?.type?.endsWith('/keys-unavailable') === true;
  } catch {
    return false;
  }
}

export const Api = {
  register: (body) => api('/api/auth/register', { method: 'POST', body, auth: false }),
  login: (body) => api('/api/auth/login', { method: 'POST', body, auth: false }),
  /** Ends this browser's sign-in (the refresh cookie goes with the request). */
  logout: () => api('/api/auth/logout', { method: 'POST', body: {}, auth: false }),
  /** Ends every sign-in of the user, on every device. */
  logoutEverywhere: () => api('/api/auth/logout-all', { method: 'POST', body: {} }),
  verifyEmail: (token) => api('/api/auth/verify-email', { method: 'POST', body: { token }, auth: false }),
  /** A personal join link's token: a sign-in for that one session's call ({ token, expiresAt, user, sessionId }). */
  useJoinLink: (token) => api('/api/auth/join-link', { method: 'POST', body: { token }, auth: false }),
  resendVerification: () => api('/api/auth/resend-verification', { method: 'POST', body: {} }),
  requestPasswordReset: (email) => api('/api/auth/password-reset', { method: 'POST', body: { email }, auth: false }),
  /** `privacyNotice`: the notice version accepted with the password (accounts the practice created), or undefined. */
  setPasswordWithLink: (token, password, privacyNotice) => api('/api/auth/password-reset/confirm',
    { method: 'POST', body: { token, password, privacyNotice }, auth: false }),
  changePassword: (currentPassword, newPassword, privacyNotice) => api('/api/auth/password',
    { method: 'POST', body: { currentPassword, newPassword, privacyNotice } }),
  me: () => api('/api/users/me'),
  /** Everything the practice holds about the caller, in one document (profile, sessions, payments, emails sent). */
  myData: () => api('/api/users/me/export'),
  /** Erases the caller's account (right to erasure); the password confirms it is them. */
  eraseMyAccount: (password) => api('/api/users/me', { method: 'DELETE', body: { password } }),
  psychologists: (params = {}) => api(`/api/psychologists${query(params)}`),
  sessions: () => api('/api/sessions'),
  /** One page of every session (admins), filtered: `{items, total}`. */
  sessionsPage: (params) => api(`/api/sessions${query(params)}`, { withTotal: true }),
  session: (id) => api(`/api/sessions/${encodeURIComponent(id)}`),
  book: (body) => api('/api/sessions', { method: 'POST', body }),
  availability: (psychologistId, from, to) => api(`/api/psychologists/${encodeURIComponent(psychologistId)}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  cancel: (id) => api(`/api/sessions/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {} }),
  reschedule: (id, sessionDate) => api(`/api/sessions/${encodeURIComponent(id)}/reschedule`, { method: 'POST', body: { sessionDate } }),
  accept: (id) => api(`/api/sessions/${encodeURIComponent(id)}/accept`, { method: 'POST', body: {} }),
  decline: (id) => api(`/api/sessions/${encodeURIComponent(id)}/decline`, { method: 'POST', body: {} }),
  /** Group sessions still taking bookings, with the seats left (`psychologistId` narrows to one psychologist). */
  groupSessions: (params = {}) => api(`/api/group-sessions${query(params)}`),
  createGroupSession: (body) => api('/api/group-sessions', { method: 'POST', body }),
  bookSeat: (id) => api(`/api/group-sessions/${encodeURIComponent(id)}/seats`, { method: 'POST', body: {} }),
  payMpesa: (id, phone) => api(`/api/sessions/${encodeURIComponent(id)}/payment/mpesa`, { method: 'POST', body: { phone } }),
  confirmPayment: (id) => api(`/api/sessions/${encodeURIComponent(id)}/payment/confirm`, { method: 'POST', body: {} }),
  audit: (page, size) => api(`/api/admin/audit?page=${page}&size=${size}`),
  failedNotifications: () => api('/api/notifications/failed'),
  /** Refunds owed (status Due) or made (Done), one per client payment (each group seat its own). */
  refunds: (status) => api(`/api/admin/refunds${query({ status })}`),
  /** Marks one refund made; `donePath` is the one the refund's own listing names. */
  refundDone: (donePath) => api(donePath, { method: 'POST', body: {} }),
  createUser: (body) => api('/api/admin/users', { method: 'POST', body }),
  users: (params) => api(`/api/admin/users${query(params)}`),
  disableUser: (id) => api(`/api/admin/users/${encodeURIComponent(id)}/disable`, { method: 'POST', body: {} }),
  /** Ends every sign-in of a user (admins). */
  revokeSignIns: (id) => api(`/api/admin/users/${encodeURIComponent(id)}/revoke-sessions`, { method: 'POST', body: {} }),
  enableUser: (id) => api(`/api/admin/users/${encodeURIComponent(id)}/enable`, { method: 'POST', body: {} }),
  /** Erases a user's account on their request (admins); `reason`: how and when they asked, no name or address. */
  eraseUser: (id, reason) => api(`/api/admin/users/${encodeURIComponent(id)}/erase`, { method: 'POST', body: { reason } }),
  rates: (id) => api(`/api/admin/psychologists/${encodeURIComponent(id)}/rates`),
  setRates: (id, rates) => api(`/api/admin/psychologists/${encodeURIComponent(id)}/rates`, { method: 'PUT', body: rates }),
  workingHours: (id) => api(`/api/psychologists/${encodeURIComponent(id)}/working-hours`),
  uploadPhoto: (id, image) => api(`/api/psychologists/${encodeURIComponent(id)}/photo`, { method: 'PUT', body: image, contentType: image.type }),
  setWorkingHours: (id, hours) => api(`/api/psychologists/${encodeURIComponent(id)}/working-hours`, { method: 'PUT', body: hours }),
  videoConfig: () => api('/api/video-calls/config'),
  generateRoom: (id) => api(`/api/video-calls/generate-room/${encodeURIComponent(id)}`, { method: 'POST', body: {} }),
  startCall: (id) => api(`/api/video-calls/start/${encodeURIComponent(id)}`, { method: 'POST', body: {} }),
  endCall: (id) => api(`/api/video-calls/end/${encodeURIComponent(id)}`, { method: 'POST', body: {} }),
  callSession: (id) => api(`/api/video-calls/session/${encodeURIComponent(id)}`),
  qualityReport: (id, body) => api(`/api/video-calls/quality/${encodeURIComponent(id)}`, { method: 'POST', body }),
};

/** A list from a response that may be a bare array or a page object. */
export function asList(data) {
  if (Array.isArray(data)) return data;
  for (const key of ['items', 'content', 'data', 'results', 'entries', 'sessions', 'notifications']) {
    if (Array.isArray(data?.[key])) return data[key];
  }
  return [];
}

/** An image the API serves only to signed-in users (a profile photo), as an object URL for an <img>. */
export async function imageUrl(path) {
  const token = await freshToken();
  // an address without a version (?v=) may have changed since it was cached
  const response = await fetch(path, {
    headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: path.includes('?v=') ? 'default' : 'no-cache',
  });
  if (!response.ok) throw new ApiError(response.status, null);
  return URL.createObjectURL(await response.blob());
}
