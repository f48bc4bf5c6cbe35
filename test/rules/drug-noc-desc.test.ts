import { drugNocDesc } from '../../shared/rules/drug-noc-desc.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const drug = { ndc: '00409333201', quantity: 1, unit: 'UN' };

ruleTable(drugNocDesc, {
  valid: [
    { name: 'J3490 with NDC and description', claim: claim({ lines: [line(1, 'J3490', { drug, description: 'ertapenem 1 g IV daily' })] }) },
    { name: 'S5001 with NDC and description', claim: claim({ lines: [line(1, 'S5001', { drug, description: 'brand drug 10 mg' })] }) },
    // The NDC names a generic or brand prescription drug, as X12's TR3 home-infusion pharmacy example bills S5000/S5001.
    { name: 'S5000 and S5001 with an NDC and no description', claim: claim({ lines: [line(1, 'S5001', { drug }), line(2, 'S5000', { drug })] }) },
    { name: 'a specific J-code needs no description', claim: claim({ lines: [line(1, 'J3370')] }) },
    { name: 'a per diem with neither', claim: claim({ lines: [line(1, 'S9500')] }) },
  ],
  invalid: [
    {
      name: 'J3490 with neither',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'J3490')] }),
      reports: [{ messageId: 'noNdcNoDescription', line: 2, data: { code: 'J3490' } }],
    },
    {
      name: 'J7799 with an NDC but no description',
      claim: claim({ lines: [line(1, 'J7799', { drug })] }),
      reports: [{ messageId: 'noDescription', line: 1, data: { code: 'J7799' } }],
    },
    {
      name: 'J9999 with a description but no NDC',
      claim: claim({ lines: [line(1, 'J9999', { description: 'chemotherapy drug 50 mg' })] }),
      reports: [{ messageId: 'noNdc', line: 1, data: { code: 'J9999' } }],
    },
    {
      name: 'a blank description counts as none',
      claim: claim({ lines: [line(1, 'J3590', { drug, description: '   ' })] }),
      reports: [{ messageId: 'noDescription', line: 1, data: { code: 'J3590' } }],
    },
    {
      name: 'every unlisted drug code: J3590, J7699, S5000, S5001',
      claim: claim({ lines: [line(1, 'J3590'), line(2, 'J7699'), line(3, 'S5000'), line(4, 'S5001', { description: 'brand drug 10 mg' })] }),
      reports: [
        { messageId: 'noNdcNoDescription', line: 1, data: { code: 'J3590' } },
        { messageId: 'noNdcNoDescription', line: 2, data: { code: 'J7699' } },
        { messageId: 'noNdcNoDescription', line: 3, data: { code: 'S5000' } },
        { messageId: 'noNdc', line: 4, data: { code: 'S5001' } },
      ],
    },
  ],
});
