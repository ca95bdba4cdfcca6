import { describe, expect, it } from 'vitest';
import { copyMondayToWeekdays, fieldLabel, fromApi, hasNoHours, nextRange, toApi } from './workingHours.js';

describe('workingHours', () => {
  it('turns the API hours into a form with all seven days, and back with only the working days in time order', () => {
    const form = fromApi({ weekly: { monday: [{ start: '14:00', end: '18:00' }, { start: '09:00', end: '12:00' }] }, timeOff: [{ from: '2026-12-24', to: '2026-12-26' }] });
    expect(Object.keys(form.weekly)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    expect(form.weekly.sunday).toEqual([]);
    expect(toApi(form)).toEqual({
      weekly: { monday: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }] },
      timeOff: [{ from: '2026-12-24', to: '2026-12-26' }],
    });
    expect(hasNoHours(form)).toBe(false);
    expect(hasNoHours(fromApi(null))).toBe(true);
  });

  it('proposes 09:00–17:00 on an empty day, then the hour after the last range, never past midnight', () => {
    expect(nextRange([])).toEqual({ start: '09:00', end: '17:00' });
    expect(nextRange([{ start: '09:00', end: '12:00' }])).toEqual({ start: '12:00', end: '13:00' });
    expect(nextRange([{ start: '20:00', end: '24:00' }])).toEqual({ start: '23:00', end: '24:00' });
  });

  it("copies Monday's ranges to Tuesday to Friday, leaving the weekend alone", () => {
    const form = fromApi({ weekly: { monday: [{ start: '08:00', end: '12:00' }], saturday: [{ start: '10:00', end: '11:00' }], friday: [{ start: '01:00', end: '02:00' }] } });
    const copied = copyMondayToWeekdays(form);
    expect(copied.weekly.friday).toEqual([{ start: '08:00', end: '12:00' }]);
    expect(copied.weekly.saturday).toEqual([{ start: '10:00', end: '11:00' }]);
    copied.weekly.tuesday[0].start = '07:00';
    expect(form.weekly.monday[0].start).toBe('08:00');
  });

  it("names the server's field in the screen's words", () => {
    expect(fieldLabel('weekly.wednesday')).toBe('Wednesday');
    expect(fieldLabel('timeOff')).toBe('Time off');
    expect(fieldLabel(undefined)).toBeNull();
  });
});
