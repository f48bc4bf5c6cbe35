import { drugNdcFormat } from '../../shared/rules/drug-ndc-format.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const drug = (ndc: string) => ({ ndc, quantity: 1, unit: 'UN' });

ruleTable(drugNdcFormat, {
  valid: [
    { name: '11 digits', claim: claim({ lines: [line(1, 'J3370', { drug: drug('00409333201') })] }) },
    { name: 'no NDC on the line (DRUG-NDC-MISSING\'s to judge)', claim: claim({ lines: [line(1, 'J3370')] }) },
    { name: 'an NDC on a non-drug line is judged only for its form: 11 digits pass', claim: claim({ lines: [line(1, 'S9500', { drug: drug('12345678901') })] }) },
  ],
  invalid: [
    {
      name: '4-4-2 package form: the padded 11 digits in the message',
      claim: claim({ lines: [line(1, 'J3370', { drug: drug('0002-7266-25') })] }),
      reports: [{ messageId: 'hyphenatedForm', line: 1, data: { code: 'J3370', ndc: '0002-7266-25', ndc11: '00002726625' } }],
    },
    {
      name: '5-3-2 and 5-4-1 forms, each padded in its short segment',
      claim: claim({ lines: [line(1, 'J3370', { drug: drug('12345-678-90') }), line(2, 'J0696', { drug: drug('12345-6789-1') })] }),
      reports: [
        { messageId: 'hyphenatedForm', line: 1, data: { code: 'J3370', ndc: '12345-678-90', ndc11: '12345067890' } },
        { messageId: 'hyphenatedForm', line: 2, data: { code: 'J0696', ndc: '12345-6789-1', ndc11: '12345678901' } },
      ],
    },
    {
      name: '11 digits with hyphens (5-4-2): hyphens dropped',
      claim: claim({ lines: [line(1, 'J3490', { drug: drug('12345-6789-01') })] }),
      reports: [{ messageId: 'hyphenatedForm', line: 1, data: { code: 'J3490', ndc: '12345-6789-01', ndc11: '12345678901' } }],
    },
    {
      name: '10 digits without hyphens: no 11-digit form can be told',
      claim: claim({ lines: [line(1, 'J3370', { drug: drug('0002726625') })] }),
      reports: [{ messageId: 'malformed', line: 1, data: { code: 'J3370', ndc: '0002726625' } }],
    },
    {
      name: '12 digits, the N4 qualifier kept, spaces, an odd hyphenation: each malformed',
      claim: claim({
        lines: [
          line(1, 'J3370', { drug: drug('123456789012') }),
          line(2, 'J3370', { drug: drug('N400409333201') }),
          line(3, 'J3370', { drug: drug('00409 3332 01') }),
          line(4, 'J3370', { drug: drug('1234-567-89') }),
          line(5, 'J3370', { drug: drug('00409333201') }),
        ],
      }),
      reports: [
        { messageId: 'malformed', line: 1 },
        { messageId: 'malformed', line: 2 },
        { messageId: 'malformed', line: 3 },
        { messageId: 'malformed', line: 4 },
      ],
    },
  ],
});
