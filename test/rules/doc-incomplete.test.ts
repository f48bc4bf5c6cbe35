import { docIncomplete } from '../../shared/rules/doc-incomplete.ts';
import { claim, FULL_DOCUMENTATION, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const without = (...keys: (keyof typeof FULL_DOCUMENTATION)[]) =>
  Object.fromEntries(Object.entries(FULL_DOCUMENTATION).filter(([key]) => !keys.includes(key as keyof typeof FULL_DOCUMENTATION)));

ruleTable(docIncomplete, {
  valid: [
    { name: 'SS claim with full documentation', claim: claim() },
    { name: 'no SS line, no documentation', claim: claim({ lines: [line(1, '99601')], documentation: undefined }) },
    { name: 'duration on the SS line instead of the documentation', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'], infusionMinutes: 100 })], documentation: without('infusionMinutes') }) },
    { name: 'supplies only, no medications', claim: claim({ documentation: { ...FULL_DOCUMENTATION, medications: [] } }) },
  ],
  invalid: [
    {
      name: 'SS claim with no documentation at all names every element',
      claim: claim({ documentation: undefined }),
      reports: [
        {
          messageId: 'missingElements',
          line: null,
          data: { missing: 'medical necessity, why the suite and not the home, therapy type, infusion duration, medications or supplies, suite time in and out' },
        },
      ],
    },
    { name: 'medical necessity false', claim: claim({ documentation: { ...FULL_DOCUMENTATION, medicalNecessity: false } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'medical necessity' } }] },
    { name: 'suite time out missing', claim: claim({ documentation: without('suiteTimeOut') }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'suite time in and out' } }] },
    { name: 'suite time out before time in', claim: claim({ documentation: { ...FULL_DOCUMENTATION, suiteTimeOut: '2020-03-02T08:00:00Z' } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'suite time out after time in' } }] },
    { name: 'blank therapy type and blank lists', claim: claim({ documentation: { ...FULL_DOCUMENTATION, therapyType: ' ', medications: [''], supplies: [] } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'therapy type, medications or supplies' } }] },
  ],
});
