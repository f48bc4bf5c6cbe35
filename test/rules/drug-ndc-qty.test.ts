import { drugNdcQty } from '../../shared/rules/drug-ndc-qty.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const NDC = '00409333201';

ruleTable(drugNdcQty, {
  valid: [
    { name: 'quantity and unit ML', claim: claim({ lines: [line(1, 'J3370', { drug: { ndc: NDC, quantity: 20, unit: 'ML' } })] }) },
    {
      name: 'every allowed unit, 3 decimals, the largest quantity the contract takes',
      claim: claim({
        lines: [
          line(1, 'J3370', { drug: { ndc: NDC, quantity: 0.025, unit: 'GR' } }),
          line(2, 'J3370', { drug: { ndc: NDC, quantity: 500, unit: 'ME' } }),
          line(3, 'J3370', { drug: { ndc: NDC, quantity: 99_999, unit: 'UN' } }),
          line(4, 'J3370', { drug: { ndc: NDC, quantity: 1.125, unit: 'F2' } }),
        ],
      }),
    },
    { name: 'NDC with neither quantity nor unit', claim: claim({ lines: [line(1, 'J3370', { drug: { ndc: NDC } })] }) },
    { name: 'no NDC', claim: claim({ lines: [line(1, 'J3370')] }) },
  ],
  invalid: [
    {
      name: 'a unit the 837P does not allow (MG is not ME; lower case is not the code)',
      claim: claim({ lines: [line(1, 'J3370', { drug: { ndc: NDC, quantity: 1, unit: 'MG' } }), line(2, 'J3370', { drug: { ndc: NDC, quantity: 1, unit: 'ml' } })] }),
      reports: [
        { messageId: 'unitNotAllowed', line: 1, data: { code: 'J3370', unit: 'MG' } },
        { messageId: 'unitNotAllowed', line: 2, data: { code: 'J3370', unit: 'ml' } },
      ],
    },
    {
      name: 'quantity 0',
      claim: claim({ lines: [line(1, 'J3490', { drug: { ndc: NDC, quantity: 0, unit: 'ML' } })] }),
      reports: [{ messageId: 'quantityNotPositive', line: 1, data: { code: 'J3490', quantity: 0 } }],
    },
    {
      name: 'more than 3 decimals',
      claim: claim({ lines: [line(1, 'J3370', { drug: { ndc: NDC, quantity: 1.2345, unit: 'ML' } })] }),
      reports: [{ messageId: 'quantityTooLong', line: 1, data: { code: 'J3370', quantity: 1.2345 } }],
    },
    {
      name: 'unit without quantity, and quantity without unit',
      claim: claim({ lines: [line(1, 'J3370', { drug: { ndc: NDC, unit: 'ML' } }), line(2, 'J3370', { drug: { ndc: NDC, quantity: 2 } })] }),
      reports: [
        { messageId: 'unitWithoutQuantity', line: 1, data: { code: 'J3370', unit: 'ML' } },
        { messageId: 'quantityWithoutUnit', line: 2, data: { code: 'J3370', quantity: 2 } },
      ],
    },
    {
      name: 'several problems on one line are each reported',
      claim: claim({ lines: [line(1, 'S5001', { drug: { ndc: NDC, unit: 'XX' } }), line(2, 'S5000', { drug: { ndc: NDC, quantity: 0 } })] }),
      reports: [
        { messageId: 'unitWithoutQuantity', line: 1, data: { code: 'S5001', unit: 'XX' } },
        { messageId: 'unitNotAllowed', line: 1, data: { code: 'S5001', unit: 'XX' } },
        { messageId: 'quantityWithoutUnit', line: 2, data: { code: 'S5000', quantity: 0 } },
        { messageId: 'quantityNotPositive', line: 2, data: { code: 'S5000', quantity: 0 } },
      ],
    },
  ],
});
