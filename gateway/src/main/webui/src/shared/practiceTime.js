// The practice's clock: Africa/Nairobi (EAT, UTC+3 all year, no daylight saving), whatever the
// browser's zone is, so clients, psychologists and admins talk about the same times.

export const PRACTICE_ZONE = 'Africa/Nairobi';
const OFFSET = '+03:00';

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: PRACTICE_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeLabel = new Intl.DateTimeFormat('en-GB', { timeZone: PRACTICE_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeLabel = new Intl.DateTimeFormat('en-GB', {
  timeZone: PRACTICE_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** The practice-zone date (YYYY-MM-DD) of an instant. */
export function nairobiDate(instant) {
  return dayKey.format(new Date(instant));
}

/** HH:mm in Nairobi. */
export function nairobiTime(instant) {
  return timeLabel.format(new Date(instant));
}

/** "Tue 3 Mar, 09:00" in Nairobi. */
export function nairobiDateTime(instant) {
  return dateTimeLabel.format(new Date(instant));
}

/** The instant (ISO) a Nairobi date (YYYY-MM-DD) starts, {@code plusDays} later: bounds of a date filter. */
export function nairobiDayStart(date, plusDays = 0) {
  const start = new Date(`${date}T00:00:00${OFFSET}`);
  return new Date(start.getTime() + plusDays * 86_400_000).toISOString();
}
