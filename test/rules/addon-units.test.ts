import { describe, expect, it } from 'vitest';
import { earnedAddonUnits } from '../../shared/rules/claim-facts.ts';
import { addonUnits } from '../../shared/rules/addon-units.ts';
import { claim, FULL_DOCUMENTATION, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

describe('earned 99602 units', () => {
  it.each([
    [0, 0], [120, 0], [150, 0], [151, 1], [180, 1], [210, 1], [211, 2], [240, 2], [270, 2], [271, 3], [600, 8],
  ])('%i minutes earn %i units', (minutes, units) => {
    expect(earnedAddonUnits(minutes)).toBe(units);
  });
});

const visit = (minutes: number | undefined, addonUnits: number) => [
  line(1, '99601', { modifiers: ['SS'], ...(minutes === undefined ? {} : { infusionMinutes: minutes }) }),
  line(2, '99602', { modifiers: ['SS'], units: addonUnits }),
];
const noDocMinutes = { ...FULL_DOCUMENTATION, infusionMinutes: undefined };

ruleTable(addonUnits, {
  valid: [
    { name: '215 minutes, 2 units', claim: claim({ lines: visit(215, 2) }) },
    { name: '180 minutes, 1 unit', claim: claim({ lines: visit(180, 1) }) },
    { name: 'minutes from documentation (200), 1 unit', claim: claim({ lines: visit(undefined, 1), documentation: { ...FULL_DOCUMENTATION, infusionMinutes: 200 } }) },
    { name: 'unknown minutes earn no finding', claim: claim({ lines: visit(undefined, 3), documentation: noDocMinutes }) },
    { name: '99602 without 99601 (ADDON-NO-PRIMARY covers it)', claim: claim({ lines: [line(1, '99602', { units: 2 })] }) },
    { name: 'two visits on one date: 200 + 215 minutes earn 3 units split over two lines', claim: claim({ lines: [line(1, '99601', { infusionMinutes: 200 }), line(2, '99601', { infusionMinutes: 215 }), line(3, '99602', { units: 1 }), line(4, '99602', { units: 2 })] }) },
  ],
  invalid: [
    { name: '150 minutes earn 0, 1 billed', claim: claim({ lines: visit(150, 1) }), reports: [{ messageId: 'unitsMismatch', line: 2, data: { billedUnits: '1 unit', date: '2020-03-02', earned: 0 } }] },
    { name: '215 minutes earn 2, 3 billed', claim: claim({ lines: visit(215, 3) }), reports: [{ messageId: 'unitsMismatch', line: 2, data: { billedUnits: '3 units', date: '2020-03-02', earned: 2 } }] },
    { name: 'line minutes (240) win over documentation (150)', claim: claim({ lines: visit(240, 1), documentation: { ...FULL_DOCUMENTATION, infusionMinutes: 150 } }), reports: [{ messageId: 'unitsMismatch', line: 2, data: { billedUnits: '1 unit', date: '2020-03-02', earned: 2 } }] },
  ],
});
