import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { drugNdcMissing } from '../../shared/rules/drug-ndc-missing.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';

const NDC = { ndc: '00006384301', quantity: 1, unit: 'UN' };
const MEDICAID = { id: 'STMCD', type: 'medicaid' } as const;
const payers = new PayerPolicy({
  version: 'test',
  payers: [
    { id: 'STRICT', name: 'Commercial plan that requires NDCs', type: 'commercial', acceptsSS: true, ndcRequired: true },
    { id: 'LAXMCD', name: 'Medicaid plan that does not require NDCs', type: 'medicaid', acceptsSS: true, ndcRequired: false },
  ],
});

ruleTable(drugNdcMissing, {
  valid: [
    { name: 'J-code with its NDC (Medicaid)', claim: claim({ payer: MEDICAID, lines: [line(1, 'S9500'), line(2, 'J3370', { units: 2, drug: NDC })] }) },
    { name: 'no drug line', claim: claim({ payer: MEDICAID, lines: [line(1, 'S9500'), line(2, '99601')] }) },
    { name: 'Q-code that is no drug (chemotherapy administration, BETOS O1D)', claim: claim({ payer: MEDICAID, lines: [line(1, 'Q0083')] }) },
    { name: 'Q-code that is no drug (skin substitute, BETOS O1E)', claim: claim({ payer: MEDICAID, lines: [line(1, 'Q4101')] }) },
    { name: 'NDC without quantity or unit: DRUG-NDC-QTY\'s to judge', claim: claim({ payer: MEDICAID, lines: [line(1, 'J3370', { drug: { ndc: '00006384301' } })] }) },
  ],
  invalid: [
    {
      name: 'Medicaid (default ndcRequired): J-code without NDC is an error',
      claim: claim({ payer: MEDICAID, lines: [line(1, 'S9500'), line(2, 'J3370', { units: 2 })] }),
      reports: [{ messageId: 'ndcRequired', line: 2, data: { code: 'J3370' } }],
    },
    {
      name: 'commercial (default): a warning',
      claim: claim({ lines: [line(1, 'S9500'), line(2, 'J3370')] }),
      reports: [{ messageId: 'ndcAdvised', line: 2, data: { code: 'J3370' } }],
    },
    {
      name: 'Medicare (no record, type default): a warning',
      claim: claim({ payer: { id: 'MCARE', type: 'medicare' }, lines: [line(1, 'J1559')] }),
      reports: [{ messageId: 'ndcAdvised', line: 1 }],
    },
    {
      name: 'every drug code: NOC J-codes, S5000/S5001, an injectable Q-code; only the lines without NDC',
      claim: claim({
        payer: MEDICAID,
        lines: [line(1, 'J3490'), line(2, 'J7799', { drug: NDC }), line(3, 'S5000'), line(4, 'S5001'), line(5, 'Q5115'), line(6, 'J9999'), line(7, 'S9500')],
      }),
      reports: [
        { messageId: 'ndcRequired', line: 1, data: { code: 'J3490' } },
        { messageId: 'ndcRequired', line: 3, data: { code: 'S5000' } },
        { messageId: 'ndcRequired', line: 4, data: { code: 'S5001' } },
        { messageId: 'ndcRequired', line: 5, data: { code: 'Q5115' } },
        { messageId: 'ndcRequired', line: 6, data: { code: 'J9999' } },
      ],
    },
    {
      name: 'commercial payer whose policy sets ndcRequired: an error',
      claim: claim({ payer: { id: 'STRICT', type: 'commercial' }, lines: [line(1, 'J0696')] }),
      payers,
      reports: [{ messageId: 'ndcRequired', line: 1 }],
    },
    {
      name: 'Medicaid payer whose policy turns ndcRequired off: a warning',
      claim: claim({ payer: { id: 'LAXMCD', type: 'medicaid' }, lines: [line(1, 'J0696')] }),
      payers,
      reports: [{ messageId: 'ndcAdvised', line: 1 }],
    },
    {
      name: 'Medicaid payer without a policy record: the type\'s default, an error',
      claim: claim({ payer: { id: 'OTHERSTATE', type: 'medicaid' }, lines: [line(1, 'J0696')] }),
      payers,
      reports: [{ messageId: 'ndcRequired', line: 1 }],
    },
  ],
});
