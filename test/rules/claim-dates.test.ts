import { describe, expect, it } from 'vitest';
import { isoDateOfDay, latestDateAnywhere } from '../../shared/rules/claim-facts.ts';
import { dayNumber } from '../../shared/rules/line-days.ts';

describe('the date arithmetic behind SERVICE-DATE-FUTURE and the release rules', () => {
  it('isoDateOfDay formats every day from 1900 to 9999 as Date does', () => {
    for (let day = -25_567; day < 2_932_897; day += 97) expect(isoDateOfDay(day), String(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    for (const date of ['2000-02-29', '2024-02-29', '2100-02-28', '2100-03-01', '1970-01-01', '9999-12-31']) expect(isoDateOfDay(Date.parse(date) / 86_400_000)).toBe(date);
  });

  it('dayNumber reads every date from 0001 to 9999 as Date.parse does, and undoes isoDateOfDay', () => {
    const firstDay = Date.parse('0001-01-01T00:00:00Z') / 86_400_000;
    for (let day = firstDay; day < 2_932_897; day += 89) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dayNumber(date), date).toBe(day);
      expect(isoDateOfDay(dayNumber(date))).toBe(date);
    }
    for (const date of ['2000-02-29', '2024-02-29', '2100-02-28', '2100-03-01', '1970-01-01', '1969-12-31', '9999-12-31']) {
      expect(dayNumber(date), date).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    }
  });

  it('latestDateAnywhere is the calendar date in the zone furthest ahead (UTC+14), never earlier', () => {
    expect(latestDateAnywhere(Date.parse('2026-03-02T09:59:00Z'))).toBe('2026-03-02');
    expect(latestDateAnywhere(Date.parse('2026-03-02T10:00:00Z'))).toBe('2026-03-03');
    // Rounded up to the end of its minute: one second before 10:00 already counts as the next day there.
    expect(latestDateAnywhere(Date.parse('2026-03-02T09:59:01Z'))).toBe('2026-03-03');
    expect(latestDateAnywhere(Date.parse('9999-12-31T12:00:00Z'))).toBe('9999-12-31');
  });
});
