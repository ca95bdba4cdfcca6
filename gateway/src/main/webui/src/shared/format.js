import { PRACTICE_ZONE } from './practiceTime.js';

export function formatDuration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hrs = Math.floor(s / 3600);
  const mins = Math.floor((s % 3600) / 60);
  const secs = s % 60;
  return [hrs, mins, secs].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A session's date and time on the practice's clock (Africa/Nairobi), labelled EAT. */
export function formatDateTime(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value ?? '');
  return `${d.toLocaleString('en-GB', {
    timeZone: PRACTICE_ZONE, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hour12: false,
  })} EAT`;
}

/** A compact timestamp for log tables, to the second. */
export function formatTimestamp(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value ?? '');
  return d.toLocaleString(undefined, {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** Value for an <input type="datetime-local"> in the browser's time zone. */
export function toLocalInputValue(date) {
  const d = new Date(date);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Minutes for the post-call summary: the server's figure when it gave one, else the local timer. */
export function summaryMinutes(serverDuration, localSeconds) {
  const n = Number(serverDuration);
  if (serverDuration !== undefined && serverDuration !== null && Number.isFinite(n) && n >= 0) {
    return Math.round(n);
  }
  return Math.round(Math.max(0, localSeconds) / 60);
}
