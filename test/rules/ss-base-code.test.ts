import { ssBaseCode } from '../../shared/rules/ss-base-code.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

ruleTable(ssBaseCode, {
  valid: [
    { name: 'SS on a per-diem S-code (S9500)', claim: claim() },
    { name: 'SS on 99601 and 99602', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'] }), line(2, '99602', { modifiers: ['SS'] })] }) },
    { name: 'SS on S5520-S5523 (product guidance)', claim: claim({ lines: ['S5520', 'S5521', 'S5522', 'S5523'].map((code, i) => line(i + 1, code, { modifiers: ['SS'] })) }) },
    { name: 'no SS anywhere', claim: claim({ lines: [line(1, 'J0696')] }) },
    { name: 'SS on an unknown code (CODE-UNKNOWN covers it)', claim: claim({ lines: [line(1, 'Z9999', { modifiers: ['SS'] })] }) },
  ],
  invalid: [
    { name: 'SS on a drug code', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'] }), line(2, 'J0696', { modifiers: ['SS'] })] }), reports: [{ messageId: 'notHomeInfusionCode', line: 2, data: { code: 'J0696', codeDescription: 'Ceftriaxone sodium injection' } }] },
    { name: 'SS on Medicare\'s home-visit G-code and on home RN nursing', claim: claim({ lines: [line(1, 'G0068', { modifiers: ['SS'] }), line(2, 'S9123', { modifiers: ['SS'] })] }), reports: [{ messageId: 'notHomeInfusionCode', line: 1 }, { messageId: 'notHomeInfusionCode', line: 2 }] },
  ],
});
