import { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { nursCredential } from '../../shared/rules/nurs-credential.ts';
import { claim, line } from '../support/claims.ts';
import { hitFixtureCodes } from '../support/hit-release.ts';
import { ruleTable } from '../support/rule-table.ts';

const HOME = { placeOfService: '12' };
const RN_ONLY = { id: 'RNONLY', type: 'commercial' } as const;
const payers = new PayerPolicy({
  version: 'test',
  payers: [{ id: 'RNONLY', name: 'Plan that pays RN infusion visits only', type: 'commercial', acceptsSS: true, lpnNursingAllowed: false }],
});

ruleTable(nursCredential, {
  valid: [
    {
      name: 'each nursing code by its own credential',
      claim: claim({
        ...HOME,
        lines: [
          line(1, 'S9123', { performedBy: 'RN' }),
          line(2, 'S9124', { performedBy: 'LPN', serviceDate: '2020-03-03' }),
          line(3, 'T1030', { performedBy: 'RN', serviceDate: '2020-03-04' }),
          line(4, 'T1031', { performedBy: 'LPN', serviceDate: '2020-03-05' }),
        ],
      }),
    },
    { name: 'performer not given', claim: claim({ ...HOME, lines: [line(1, 'S9123'), line(2, 'T1031', { serviceDate: '2020-03-03' })] }) },
    { name: 'a pharmacist on an RN code is not this rule\'s to judge', claim: claim({ ...HOME, lines: [line(1, 'S9123', { performedBy: 'pharmacist' })] }) },
    { name: '99601 by an LPN where the payer allows LPNs (default)', claim: claim({ ...HOME, lines: [line(1, '99601', { performedBy: 'LPN' })] }) },
    { name: '99601 by an RN where the payer pays RNs only', claim: claim({ ...HOME, payer: RN_ONLY, lines: [line(1, '99601', { performedBy: 'RN' })] }), payers },
    { name: 'a code whose descriptor names no nurse (S9500) by an LPN', claim: claim({ ...HOME, lines: [line(1, 'S9500', { performedBy: 'LPN' })] }) },
    {
      name: 'a release without S9123\'s record cannot say it is an RN code',
      claim: claim({ ...HOME, lines: [line(1, 'S9123', { performedBy: 'LPN' })] }),
      codes: hitFixtureCodes(),
    },
  ],
  invalid: [
    {
      name: 'S9123 (RN per hour) by an LPN',
      claim: claim({ ...HOME, lines: [line(1, 'S9123', { performedBy: 'LPN', units: 3 })] }),
      reports: [{ messageId: 'rnCodeByLpn', line: 1, data: { code: 'S9123' } }],
    },
    {
      name: 'S9124 (LPN per hour) by an RN',
      claim: claim({ ...HOME, lines: [line(1, 'S9124', { performedBy: 'RN', units: 3 })] }),
      reports: [{ messageId: 'lpnCodeByRn', line: 1, data: { code: 'S9124' } }],
    },
    {
      name: 'T1030 by an LPN and T1031 by an RN (per diems)',
      claim: claim({ ...HOME, lines: [line(1, 'T1030', { performedBy: 'LPN' }), line(2, 'T1031', { performedBy: 'RN', serviceDate: '2020-03-03' })] }),
      reports: [
        { messageId: 'rnCodeByLpn', line: 1, data: { code: 'T1030' } },
        { messageId: 'lpnCodeByRn', line: 2, data: { code: 'T1031' } },
      ],
    },
    {
      name: '99601 and 99602 by an LPN where the payer pays RN visits only',
      claim: claim({ ...HOME, payer: RN_ONLY, lines: [line(1, '99601', { performedBy: 'LPN' }), line(2, '99602', { performedBy: 'LPN' }), line(3, 'S9500')] }),
      payers,
      reports: [
        { messageId: 'lpnVisitNotAllowed', line: 1, data: { code: '99601' } },
        { messageId: 'lpnVisitNotAllowed', line: 2, data: { code: '99602' } },
      ],
    },
  ],
});
