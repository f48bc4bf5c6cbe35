import { describe, expect, it } from 'vitest';
import type { ClaimLine } from '../../shared/claim/contract.ts';
import { visitDays } from '../../shared/rules/claim-facts.ts';
import { claim, line } from '../support/claims.ts';

const summary = (c: Parameters<typeof visitDays>[0]) =>
  visitDays(c).map((day) => ({ date: day.date, primary: day.primary.map((l) => l.lineNumber), addon: day.addon.map((l) => l.lineNumber) }));

describe('visitDays: 99601 and 99602 lines by date', () => {
  it('groups by date, dates in the order the claim first names them, lines in claim order', () => {
    const c = claim({
      lines: [
        line(1, '99602', { serviceDate: '2025-03-02' }),
        line(2, '99601', { serviceDate: '2025-03-01' }),
        line(3, 'S9500', { serviceDate: '2025-03-01' }),
        line(4, '99601', { serviceDate: '2025-03-02' }),
        line(5, '99602', { serviceDate: '2025-03-01' }),
      ],
    });
    expect(summary(c)).toEqual([
      { date: '2025-03-02', primary: [4], addon: [1] },
      { date: '2025-03-01', primary: [2], addon: [5] },
    ]);
    expect(summary(claim({ lines: [line(1, 'S9500')] }))).toEqual([]);
  });

  it('gives the same grouping to the rules that ask in turn, and a new one when a line, its code or its date changes', () => {
    const c = claim({ lines: [line(1, '99601', { serviceDate: '2025-03-01' }), line(2, '99602', { serviceDate: '2025-03-01' })] });
    const first = visitDays(c);
    expect(visitDays(c)).toBe(first);
    // The same lines in a new claim object: still the same grouping, worked out once.
    expect(visitDays({ ...c })).toBe(first);
    (c.lines[1] as ClaimLine).serviceDate = '2025-03-02';
    expect(summary(c)).toEqual([
      { date: '2025-03-01', primary: [1], addon: [] },
      { date: '2025-03-02', primary: [], addon: [2] },
    ]);
    (c.lines[0] as ClaimLine).procedureCode = 'S9500';
    expect(summary(c)).toEqual([{ date: '2025-03-02', primary: [], addon: [2] }]);
    c.lines[1] = line(2, 'S9500', { serviceDate: '2025-03-02' }) as ClaimLine;
    expect(summary(c)).toEqual([]);
    c.lines.push(line(3, '99601') as ClaimLine);
    expect(summary(c)).toEqual([{ date: (c.lines[2] as ClaimLine).serviceDate, primary: [3], addon: [] }]);
  });
});
