// Free slots grouped into the days of a week, labelled in the practice's zone (Africa/Nairobi).
import { PRACTICE_ZONE, nairobiDate, nairobiTime } from '../../shared/practiceTime.js';

const dayLabel = new Intl.DateTimeFormat('en-GB', { timeZone: PRACTICE_ZONE, weekday: 'short', day: 'numeric', month: 'short' });

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
