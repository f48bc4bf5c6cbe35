import { codeInactive } from '../../shared/rules/code-inactive.ts';
import { codeReleasePredatesClaim } from '../../shared/rules/code-release-predates-claim.ts';
import { codeUnknown } from '../../shared/rules/code-unknown.ts';
import { cptNotValidated } from '../../shared/rules/cpt-not-validated.ts';
import { modifierInactive } from '../../shared/rules/modifier-inactive.ts';
import { modifierUnknown } from '../../shared/rules/modifier-unknown.ts';
import { claim, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';
import { bundledCodesWith } from '../support/scrub-data.ts';

/** The 2020 release as its CMS file name states it (HCPC2020: service dates in 2020), no CPT file loaded. */
const release2020 = bundledCodesWith({ coverage: { from: '2020-01-01', through: '2020-12-31' } });
/** The same release with nothing known about the dates it covers (a file whose name states none). */
const undatedRelease = bundledCodesWith({});
/** The 2020 release with a licensed CPT file loaded beside it (a file that, here, holds no more CPT codes). */
const withCptFile = bundledCodesWith({ coverage: { from: '2020-01-01', through: '2020-12-31' }, cptSource: 'CPT-2020-licensed.txt' });

ruleTable(codeUnknown, {
  valid: [
    { name: 'CMS code and modifier', claim: claim(), codes: release2020 },
    { name: 'project CPT codes 99601/99602', claim: claim({ lines: [line(1, '99601'), line(2, '99602')] }), codes: release2020 },
    { name: 'lower-case CMS code', claim: claim({ lines: [line(1, 's9500')] }), codes: release2020 },
    { name: 'CPT codes without a CPT file (CPT-NOT-VALIDATED notes them)', claim: claim({ lines: [line(1, '99213'), line(2, '96153'), line(3, '90853'), line(4, '0001U'), line(5, '3008F')] }), codes: release2020 },
    { name: 'a CPT code dated after the release, without a CPT file', claim: claim({ lines: [line(1, '99213', { serviceDate: '2026-03-02' })] }), codes: release2020 },
  ],
  invalid: [
    { name: 'made-up code', claim: claim({ lines: [line(1, 'S9500'), line(2, 'Z9999')] }), codes: release2020, reports: [{ messageId: 'unknownCode', line: 2, data: { code: 'Z9999', release: 'HCPCS-2020' } }] },
    { name: 'CPT code outside the data, with a CPT file loaded', claim: claim({ lines: [line(1, '99211')] }), codes: withCptFile, reports: [{ messageId: 'unknownCode', line: 1, data: { code: '99211', release: 'HCPCS-2020' } }] },
    {
      name: 'G0088 (created 2021) on a line dated after the 2020 release names the release and the date',
      claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2026-03-02' }), line(2, 'G0088', { serviceDate: '2026-03-02' })] }),
      codes: release2020,
      reports: [{ messageId: 'notInOlderRelease', line: 2, data: { code: 'G0088', release: 'HCPCS-2020', through: '2020-12-31', serviceDate: '2026-03-02' } }],
    },
    { name: 'G0088 when the release states no dates', claim: claim({ lines: [line(1, 'G0088', { serviceDate: '2021-02-01' })] }), codes: undatedRelease, reports: [{ messageId: 'unknownCode', line: 1 }] },
    {
      name: 'G0088 on a line dated in the future: the date is wrong (SERVICE-DATE-FUTURE), not the release',
      claim: claim({ lines: [line(1, 'G0088', { serviceDate: '2099-06-01' })] }),
      codes: release2020,
      reports: [{ messageId: 'unknownCode', line: 1, data: { code: 'G0088', release: 'HCPCS-2020' } }],
    },
  ],
});

ruleTable(cptNotValidated, {
  valid: [
    { name: 'HCPCS codes and letter modifiers', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS', 'SD'] })] }), codes: release2020 },
    { name: 'project CPT codes 99601/99602 are in the data', claim: claim({ lines: [line(1, '99601'), line(2, '99602')] }), codes: release2020 },
    { name: 'CPT codes with a CPT file loaded (CODE-UNKNOWN judges them)', claim: claim({ lines: [line(1, '99213')] }), codes: withCptFile },
    { name: 'an unknown HCPCS code is CODE-UNKNOWN\'s', claim: claim({ lines: [line(1, 'Z9999', { modifiers: ['ZY'] })] }), codes: release2020 },
  ],
  invalid: [
    {
      name: 'CPT codes and numeric modifiers with no CPT file loaded',
      claim: claim({ lines: [line(1, '99213', { modifiers: ['25'] }), line(2, '96153'), line(3, '90853', { modifiers: ['59', 'SS', '59'] })] }),
      codes: release2020,
      reports: [
        { messageId: 'cptCode', line: 1, data: { code: '99213' } },
        { messageId: 'cptModifier', line: 1, data: { modifier: '25' } },
        { messageId: 'cptCode', line: 2, data: { code: '96153' } },
        { messageId: 'cptCode', line: 3, data: { code: '90853' } },
        { messageId: 'cptModifier', line: 3, data: { modifier: '59' } },
      ],
    },
    {
      name: 'a CPT modifier with a CPT file loaded: the file holds codes only',
      claim: claim({ lines: [line(1, '99213', { modifiers: ['59'] })] }),
      codes: withCptFile,
      reports: [{ messageId: 'cptModifier', line: 1, data: { modifier: '59' } }],
    },
    {
      name: 'Category II, III and PLA codes, and a Category II modifier',
      claim: claim({ lines: [line(1, '3008F', { modifiers: ['1P'] }), line(2, '0075T'), line(3, '0001U')] }),
      codes: release2020,
      reports: [{ messageId: 'cptCode', line: 1 }, { messageId: 'cptModifier', line: 1 }, { messageId: 'cptCode', line: 2 }, { messageId: 'cptCode', line: 3 }],
    },
  ],
});

ruleTable(codeReleasePredatesClaim, {
  valid: [
    { name: 'service dates within the release', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2020-12-31' })] }), codes: release2020 },
    { name: 'the release states no dates', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2026-03-02' })] }), codes: undatedRelease },
    { name: 'only a future date is past the release (SERVICE-DATE-FUTURE covers it)', claim: claim({ lines: [line(1, 'S9500'), line(2, 'S9500', { serviceDate: '9999-12-31' })] }), codes: release2020 },
    { name: 'a date past the release but after the claim was submitted', claim: claim({ submittedAt: '2020-12-31T12:00:00Z', lines: [line(1, 'S9500', { serviceDate: '2021-01-04' })] }), codes: release2020 },
  ],
  invalid: [
    {
      name: 'a line dated after the release',
      claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2020-12-30' }), line(2, '99601', { serviceDate: '2026-03-02' }), line(3, 'J0696', { serviceDate: '2021-01-04' })] }),
      codes: release2020,
      reports: [{ messageId: 'releasePredatesClaim', line: null, data: { release: 'HCPCS-2020', through: '2020-12-31', latestServiceDate: '2026-03-02' } }],
    },
    {
      name: 'a real date past the release beside a future one names the real one',
      claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2021-01-04' }), line(2, 'S9500', { serviceDate: '2099-06-01' })] }),
      codes: release2020,
      reports: [{ messageId: 'releasePredatesClaim', line: null, data: { release: 'HCPCS-2020', through: '2020-12-31', latestServiceDate: '2021-01-04' } }],
    },
  ],
});

ruleTable(codeInactive, {
  valid: [
    { name: 'code active on the date', claim: claim() },
    { name: 'A4466 on its last day', claim: claim({ lines: [line(1, 'A4466', { serviceDate: '2016-12-31' })] }) },
    { name: 'A4226 on the day it was added', claim: claim({ lines: [line(1, 'A4226', { serviceDate: '2020-01-01' })] }) },
  ],
  invalid: [
    { name: 'A4466 after its termination', claim: claim({ lines: [line(1, 'A4466', { serviceDate: '2017-01-01' })] }), reports: [{ messageId: 'terminated', line: 1, data: { code: 'A4466', terminationDate: '2016-12-31', serviceDate: '2017-01-01' } }] },
    { name: 'A4226 before it was added', claim: claim({ lines: [line(1, 'S9500', { serviceDate: '2019-12-31' }), line(2, 'A4226', { serviceDate: '2019-12-31' })] }), reports: [{ messageId: 'notYetAdded', line: 2, data: { code: 'A4226', addedDate: '2020-01-01', serviceDate: '2019-12-31' } }] },
  ],
});

ruleTable(modifierUnknown, {
  valid: [
    { name: 'SS and SD', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'SD'] })] }), codes: release2020 },
    { name: 'no modifiers', claim: claim({ lines: [line(1, '99601')] }), codes: release2020 },
    { name: 'numeric CPT modifiers without a CPT file (CPT-NOT-VALIDATED notes them)', claim: claim({ lines: [line(1, '99601', { modifiers: ['59', '25', '2P'] })] }), codes: release2020 },
    { name: 'numeric CPT modifiers with a CPT file loaded, which holds codes only', claim: claim({ lines: [line(1, '99601', { modifiers: ['59'] })] }), codes: withCptFile },
  ],
  invalid: [
    { name: 'made-up modifier', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS', 'ZY'] })] }), codes: release2020, reports: [{ messageId: 'unknownModifier', line: 1, data: { modifier: 'ZY', release: 'HCPCS-2020' } }] },
    { name: 'the same unknown modifier twice is reported once', claim: claim({ lines: [line(1, '99601', { modifiers: ['ZZ', 'ZZ'] }), line(2, 'S9500', { modifiers: ['X9'] })] }), codes: release2020, reports: [{ messageId: 'unknownModifier', line: 1 }, { messageId: 'unknownModifier', line: 2 }] },
    {
      name: 'an unknown modifier on a line dated after the release names the release and the date',
      claim: claim({ lines: [line(1, 'S9500', { modifiers: ['ZY'], serviceDate: '2026-03-02' })] }),
      codes: release2020,
      reports: [{ messageId: 'notInOlderRelease', line: 1, data: { modifier: 'ZY', release: 'HCPCS-2020', through: '2020-12-31', serviceDate: '2026-03-02' } }],
    },
  ],
});

ruleTable(modifierInactive, {
  valid: [
    { name: 'SS after 2004-10-01', claim: claim() },
    { name: 'GD on its last day', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['GD'], serviceDate: '2019-12-31' })] }) },
  ],
  invalid: [
    { name: 'SS before it was added', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['SS'], serviceDate: '2004-09-30' })] }), reports: [{ messageId: 'notYetAdded', line: 1, data: { modifier: 'SS', addedDate: '2004-10-01', serviceDate: '2004-09-30' } }] },
    { name: 'GD after its termination', claim: claim({ lines: [line(1, 'S9500', { modifiers: ['GD'] })] }), reports: [{ messageId: 'terminated', line: 1, data: { modifier: 'GD', terminationDate: '2019-12-31', serviceDate: '2020-03-02' } }] },
  ],
});
