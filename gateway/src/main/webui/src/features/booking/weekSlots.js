// Free slots grouped into the days of a week, labelled in the practice's zone (Africa/Nairobi),
// whatever the browser's zone is: clients and psychologists talk about the same clock.

export const PRACTICE_ZONE = 'Africa/Nairobi';

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: PRACTICE_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: PRACTICE_ZONE, weekday: 'short', day: 'numeric', month: 'short' });
const timeLabel = new Intl.DateTimeFormat('en-GB', { timeZone: PRACTICE_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** The practice-zone date (YYYY-MM-DD) of an instant. */
export function nairobiDate(instant) {
  return dayKey.format(new Date(instant));
}

/** HH:mm in Nairobi. */
export function nairobiTime(instant) {
  return timeLabel.format(new Date(instant));
}

/**
 * Seven columns starting at {@code weekStart} (an instant), each {date, label, slots}, slots in
 * time order. Slots outside the week are dropped.
 */
export function groupByDay(slots, weekStart) {
  const days = [];
  for (let i = 0; i < 7; i += 1) {
    const at = new Date(new Date(weekStart).getTime() + i * 86_400_000);
    days.push({ date: nairobiDate(at), label: dayLabel.format(at), slots: [] });
  }
  const byDate = new Map(days.map((d) => [d.date, d]));
  [...slots].sort((a, b) => new Date(a.start) - new Date(b.start)).forEach((slot) => {
    const day = byDate.get(nairobiDate(slot.start));
    if (day) day.slots.push({ ...slot, label: nairobiTime(slot.start) });
  });
  return days;
}

/** The price of a session type from the directory entry's rates, or null when not set. */
export function rateOf(psychologist, sessionType) {
  const rate = psychologist?.rates?.[sessionType];
  return Number.isFinite(rate) ? rate : null;
}
