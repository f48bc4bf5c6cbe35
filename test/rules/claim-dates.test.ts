import { describe, expect, it } from 'vitest';
import { dayNumber, distinctModifiers, instantOf, isCptShapedModifier, isoDateOfDay, latestDateAnywhere } from '../../shared/rules/claim-facts.ts';

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

  it('instantOf reads contract date-times as Date.parse does: fractions, offsets, leap days, and anything else by Date.parse', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    let seed = 20260302;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const day = new Date((next(2_932_897 - 25_567) - 25_567 + 365) * 86_400_000).toISOString().slice(0, 10);
      const fraction = next(3) === 0 ? '' : `.${String(next(1_000_000_000)).padStart(9, '0').slice(0, 1 + next(9))}`;
      const zone = next(3) === 0 ? 'Z' : `${next(2) === 0 ? '+' : '-'}${pad(next(24))}:${pad(next(60))}`;
      const text = `${day}T${pad(next(24))}:${pad(next(60))}:${pad(next(60))}${fraction}${zone}`;
      expect(instantOf(text), text).toBe(Date.parse(text));
    }
    for (const text of ['2024-02-29T23:59:59.999-14:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.9999999Z', '2026-03-02T09:30:00+05:30']) {
      expect(instantOf(text), text).toBe(Date.parse(text));
    }
    // Not the contract's form: Date.parse decides, NaN included.
    for (const text of ['2026-03-02T09:30Z', '2026-03-02 09:30:00Z', '2026-03-02T09:30:00', '2026-03-02T09:30:00+0530', 'soon', '2026-03-02T09:30:00Zx',
      '2026-02-29T09:30:00Z', '2026-13-01T09:30:00Z', '2026-03-02T24:00:00Z', '2026-03-02T09:60:00Z', '2026-03-02T09:30:60Z', '2026-03-02T09:30:00+24:00', '2026-03-02T09:30:00.Z']) {
      expect(Object.is(instantOf(text), Date.parse(text)), text).toBe(true);
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

describe('the modifier facts the code rules share', () => {
  it('isCptShapedModifier accepts two digits or a digit and P, and nothing else', () => {
    const characters = [...'0123456789ABPZaps -_', '\u0660', '\u00b2'];
    for (const a of characters) for (const b of characters) expect(isCptShapedModifier(a + b), JSON.stringify(a + b)).toBe(/^\d[\dP]$/.test(a + b));
    for (const text of ['', '5', '599', '59 ']) expect(isCptShapedModifier(text)).toBe(false);
  });

  it('distinctModifiers gives each modifier once, in first-seen order', () => {
    const distinct = (modifiers?: string[]) => [...distinctModifiers({ lineNumber: 1, procedureCode: 'S9500', units: 1, serviceDate: '2026-03-02', ...(modifiers ? { modifiers } : {}) })];
    expect(distinct()).toEqual([]);
    expect(distinct(['SS'])).toEqual(['SS']);
    expect(distinct(['SS', 'SS'])).toEqual(['SS']);
    expect(distinct(['SS', 'SD'])).toEqual(['SS', 'SD']);
    expect(distinct(['SS', 'SD', 'SS', '59'])).toEqual(['SS', 'SD', '59']);
  });
});
