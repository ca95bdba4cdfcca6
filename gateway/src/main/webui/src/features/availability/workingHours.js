// The weekly hours and time off form, as edited on screen, and the API's shape
// (GET/PUT /api/psychologists/{id}/working-hours: {weekly: {monday: [{start, end}]}, timeOff: [{from, to}]}).
// Times are HH:mm in Africa/Nairobi; the server checks them and names the field it refuses.

export const WEEKDAYS = [
  { key: 'monday', label: 'Monday' },
  { key: 'tuesday', label: 'Tuesday' },
  { key: 'wednesday', label: 'Wednesday' },
  { key: 'thursday', label: 'Thursday' },
  { key: 'friday', label: 'Friday' },
  { key: 'saturday', label: 'Saturday' },
  { key: 'sunday', label: 'Sunday' },
];

/** The editable form of the API's hours: all seven days (empty when not working), time off in order. */
export function fromApi(hours) {
  const weekly = {};
  WEEKDAYS.forEach(({ key }) => {
    weekly[key] = (hours?.weekly?.[key] ?? []).map(({ start, end }) => ({ start, end }));
  });
  const timeOff = (hours?.timeOff ?? []).map(({ from, to }) => ({ from, to }));
  return { weekly, timeOff };
}

/** The body of the PUT: only the days with hours, ranges in time order. */
export function toApi(form) {
  const weekly = {};
  WEEKDAYS.forEach(({ key }) => {
    const ranges = form.weekly[key] ?? [];
    if (ranges.length) weekly[key] = [...ranges].sort((a, b) => a.start.localeCompare(b.start));
  });
  return { weekly, timeOff: form.timeOff };
}

function minutes(hhmm) {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function hhmm(total) {
  if (total >= 24 * 60) return '24:00';
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A new range for a day: 09:00–17:00 on an empty day, else the hour after the day's last range. */
export function nextRange(ranges) {
  if (!ranges.length) return { start: '09:00', end: '17:00' };
  const lastEnd = Math.max(...ranges.map((r) => (/^\d\d:\d\d$/.test(r.end) ? minutes(r.end) : 0)));
  const start = Math.min(lastEnd, 23 * 60);
  return { start: hhmm(start), end: hhmm(start + 60) };
}

/** Every weekday (Monday to Friday) gets a copy of Monday's ranges. */
export function copyMondayToWeekdays(form) {
  const weekly = { ...form.weekly };
  ['tuesday', 'wednesday', 'thursday', 'friday'].forEach((day) => {
    weekly[day] = form.weekly.monday.map((r) => ({ ...r }));
  });
  return { ...form, weekly };
}

/** "weekly.monday" → "Monday", "timeOff" → "Time off": the server's field in the words of the screen. */
export function fieldLabel(field) {
  if (!field) return null;
  const day = WEEKDAYS.find(({ key }) => field === `weekly.${key}`);
  if (day) return day.label;
  if (field === 'timeOff') return 'Time off';
  if (field === 'weekly') return 'Weekly hours';
  return field;
}

/** True when no day has any hours: clients then cannot book this psychologist at all. */
export function hasNoHours(form) {
  return WEEKDAYS.every(({ key }) => !(form.weekly[key] ?? []).length);
}
