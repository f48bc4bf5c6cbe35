import { readdirSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimInput } from '../../shared/claim/contract.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';
import { X12_OUTCOMES } from './x12-outcomes.ts';

/** The public 837P files (see test/fixtures/x12-samples/PROVENANCE.md). */
const SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'x12-samples');

type Mapped = { claimId: string; payerType: string; npi: string; lines: string[] };
type Rejected = { claimId: string | null; rejected: string[] };
/** Per file: each claim mapped (key fields) or rejected (every reason, at its segment), or why the whole file is unreadable. */
type Expected = (Mapped | Rejected)[] | string;

/** A line as `code-modifiers xunits date POS place`, the line's own place of service when it has one. */
function lineKey(claim: ClaimInput, line: ClaimInput['lines'][number]): string {
  return `${line.procedureCode}${(line.modifiers ?? []).map((m) => `-${m}`).join('')} x${line.units} ${line.serviceDate} POS ${line.placeOfService ?? claim.placeOfService}`;
}

async function outcomeOf(path: string): Promise<Expected> {
  try {
    const { items } = await readClaims(createReadStream(path));
    return items.map((item) => {
      if (item.kind === 'rejected') return { claimId: item.claimId, rejected: item.errors.map((e) => `${e.path}: ${e.message}`) };
      const claim = item.claim as ClaimInput;
      return { claimId: claim.claimId, payerType: claim.payer.type, npi: claim.billingProvider.npi, lines: claim.lines.map((line) => lineKey(claim, line)) };
    });
  } catch (error) {
    return (error as Error).message;
  }
}

// The TR3 examples carry made-up NPIs that fail the check digit, so most of their claims are
// rejected at the NPI, named with its loop, segment and value; every other fault of the claim
// comes in the same answer.
const SAMPLE_FILES: [string, Expected][] = [
  [
    'oopfactory__Example1_2_And_3_Combined.txt',
    [
      { claimId: '26463774', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
      { claimId: '26407789', rejected: [
        '2010AA NM1*85 NM109 (segment 43): NPI "1999996666" fails the NPI check digit',
        'SBR09 (segment 52): the claim filing indicator is required: it gives the payer type',
        '2310B NM1*82 NM109 (segment 67): NPI "1999996666" fails the NPI check digit',
      ] },
      { claimId: '26462967', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'oopfactory__Example1_HealthInsurance.txt',
    [
      { claimId: '26463774', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'oopfactory__Example2_Encounter.txt',
    [
      { claimId: '26462967', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'oopfactory__Example3_COB.txt',
    [
      { claimId: '26407789', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1999996666" fails the NPI check digit',
        'SBR09 (segment 16): the claim filing indicator is required: it gives the payer type',
        '2310B NM1*82 NM109 (segment 31): NPI "1999996666" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'oopfactory__MedicaidExample.txt',
    [
      { claimId: '9999', rejected: [
        'HI (segment 20): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 24): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 27): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 36): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 40): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 43): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 52): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 56): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 59): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 68): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 72): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 75): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 84): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 88): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 91): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
    ],
  ],
  [
    'oopfactory__MissingEntityCode.txt',
    [
      { claimId: '9999', rejected: [
        'HI (segment 20): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 25): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 28): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 37): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 41): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 44): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 53): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 57): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 60): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 69): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 73): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 76): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
      { claimId: '9999', rejected: [
        'HI (segment 85): the claim has no HI segment; an 837P claim must carry at least one diagnosis',
        '2010AA NM1*85 NM109 (segment 8): NPI "9999999999" fails the NPI check digit',
        'line 1 SV101-1 (segment 89): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
        'line 2 SV101-1 (segment 92): the product/service qualifier must be HC (HCPCS/CPT), got "XX"',
      ] },
    ],
  ],
  [
    'oopfactory__ProfessionalClaim1.txt',
    [
      { claimId: '26463774', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 36): NPI "1234567890" fails the NPI check digit',
        'line 2 2420A NM1*82 NM109 (segment 44): NPI "3456789012" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'oopfactory__ST1309-XX.txt',
    [
      { claimId: 'B330004Y', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "9999999999" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 33): NPI "9999999999" fails the NPI check digit',
      ] },
    ],
  ],
  ['oopfactory__UnicodeExample.txt', 'the file is UTF-16 encoded; save it as UTF-8 (or ASCII) and send it again'],
  ['staedi__837-header-ref-only.edi', 'the X12 file holds no 837P claims: its 837P transaction sets have no claim (CLM segment)'],
  ['staedi__sample837-HL-nested.edi', 'the X12 file holds no 837P claims: it is an 837 transaction set of version 005010, not 005010X222 (837P)'],
  ['staedi__sample837-original.edi', 'unsupported interchange version ISA12 "00402": the scrubber reads HIPAA 5010 (00501) 837P files'],
  [
    'staedi__sample837-original__ISA12-00501.edi',
    [
      { claimId: '945405', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "123456789" must be 10 digits',
      ] },
    ],
  ],
  ['staedi__sample837-small.edi', 'unsupported interchange version ISA12 "00402": the scrubber reads HIPAA 5010 (00501) 837P files'],
  [
    'stupidedi__X222A1__COB-claim-from-billing-provider-to-payer-a.edi',
    [
      { claimId: '26407789', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1999996666" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 31): NPI "1999996666" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__COB-claim-from-billing-provider-to-payer-b.edi',
    [
      { claimId: '26407789', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1999996666" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 31): NPI "1999996666" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__COB-claim-from-payer-a-to-payer-b-in-payer-to-payer.edi',
    [
      { claimId: '26407789', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1999996666" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 31): NPI "1999996666" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__ambulance.edi',
    [
      { claimId: '051068', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "2366554859" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__anesthesia.edi',
    [
      { claimId: '153829140', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "2366554859" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 20): NPI "5678912345" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__chiropractic.edi',
    [
      { claimId: '125WILL', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1234567890" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__commercial-health-insurance.edi',
    [
      { claimId: '26463774', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__drug-administered-in-the-physician-office.edi',
    [
      { claimId: 'CLMNO12345', payerType: 'commercial', npi: '1234567893', lines: ['90782 x1 2004-07-11 POS 11', 'J1550 x1 2004-07-11 POS 11'] },
    ],
  ],
  [
    'stupidedi__X222A1__encounter.edi',
    [
      { claimId: '26462967', rejected: [
        '2010AA NM1*85 NM109 (segment 8): NPI "9876543210" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__home-infusion-therapy-pharmacy-HCPCS-2400.edi',
    [
      { claimId: 'CLMNO12345', payerType: 'commercial', npi: '1234567893', lines: ['S9500 x7 2004-02-01 POS 12', 'J0696 x56 2004-02-01 POS 12', 'J7051 x28 2004-02-01 POS 12', 'J3490 x7 2004-02-01 POS 12', 'J3490 x14 2004-02-01 POS 12', 'J3490 x7 2004-02-01 POS 12'] },
    ],
  ],
  [
    'stupidedi__X222A1__home-infusion-therapy-pharmacy-NDC-2410.edi',
    [
      { claimId: 'CLMNO12345', payerType: 'commercial', npi: '1234567893', lines: ['S9500 x7 2004-02-01 POS 12', 'S5001 x7 2004-02-01 POS 12', 'S5000 x14 2004-02-01 POS 12', 'S5000 x7 2004-02-01 POS 12', 'S5000 x14 2004-02-01 POS 12', 'S5000 x7 2004-02-01 POS 12'] },
    ],
  ],
  [
    'stupidedi__X222A1__medicare-secondary-payer-COB.edi',
    [
      { claimId: '101KEN6055', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "0100000009" fails the NPI check digit',
        '2310B NM1*82 NM109 (segment 25): NPI "9090909090" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__out-of-network-repriced-claim.edi',
    [
      { claimId: 'TS234H3', rejected: [
        '2310B NM1*82 NM109 (segment 29): NPI "1112223336" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__oxygen.edi',
    [
      { claimId: 'R03996273 #01', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "9992233334" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__ppo-repriced-claim.edi',
    [
      { claimId: 'ABC123-RI', rejected: [
        '2010AA NM1*85 NM109 (segment 7): NPI "1234567890" fails the NPI check digit',
      ] },
    ],
  ],
  [
    'stupidedi__X222A1__wheelchair.edi',
    [
      { claimId: 'SMI123', payerType: 'medicare', npi: '7778889999', lines: ['K0001-RR-KH-BR x1 2005-03-21 POS 12'] },
    ],
  ],
  ['stupidedi__X222__case-1.edi', 'no ISA at the start of the file: the ISA interchange header comes after 187 characters of other text; an X12 file must begin with its ISA, so remove what comes before it and send the file again'],
];

const OWN_FILES: [string, Expected][] = [
  [
    'x12_home_and_suite.txt',
    [
      { claimId: 'HI SUITE#0304', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49', '99601 x1 2026-03-03 POS 12', 'S9500 x1 2026-03-03 POS 12'] },
    ],
  ],
  [
    'x12_suite_clean.txt',
    [
      { claimId: 'HI-SUITE-0301', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49'] },
    ],
  ],
  [
    'x12_suite_em.txt',
    [
      { claimId: 'HI-SUITE-0303', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49', '99213 x1 2026-03-02 POS 49'] },
    ],
  ],
  [
    'x12_suite_pwk.txt',
    [
      { claimId: 'HI-SUITE-0302', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49'] },
    ],
  ],
  [
    'x12_docs_required.txt',
    [
      { claimId: 'HI-SUITE-0305', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49'] },
    ],
  ],
  [
    'x12_docs_required_pwk.txt',
    [
      { claimId: 'HI-SUITE-0306', payerType: 'commercial', npi: '1234567893', lines: ['S9500-SS x1 2026-03-02 POS 49', '99601-SS-SD x1 2026-03-02 POS 49'] },
    ],
  ],
];

describe('public 837P sample files', () => {
  it('pins every file of test/fixtures/x12-samples', () => {
    const files = readdirSync(SAMPLES).filter((name) => /\.(edi|txt)$/.test(name));
    expect(SAMPLE_FILES.map(([name]) => name).sort()).toEqual(files.sort());
  });

  it.each(SAMPLE_FILES)('%s', async (name, expected) => {
    expect(await outcomeOf(join(SAMPLES, name))).toEqual(expected);
  });
});

describe('home-infusion 837P files written for the project', () => {
  it.each(OWN_FILES)('%s', async (name, expected) => {
    expect(await outcomeOf(join(X12_FIXTURES, name))).toEqual(expected);
  });

  it('maps PWK to attachments (PWK01, PWK02, PWK06), inferring nothing of the record from them', async () => {
    const { items } = await readClaims(createReadStream(join(X12_FIXTURES, 'x12_suite_pwk.txt')));
    expect(items[0]).toMatchObject({
      kind: 'claim',
      claim: {
        documentation: {
          attachments: [
            { reportType: 'CT', transmission: 'FX', controlNumber: 'RB0302CT' },
            { reportType: 'OZ', transmission: 'EL', controlNumber: 'RB0302OZ' },
          ],
        },
      },
    });
  });

  it('SV105 becomes the line placeOfService only where it differs from CLM05-1', async () => {
    const { items } = await readClaims(createReadStream(join(X12_FIXTURES, 'x12_home_and_suite.txt')));
    const claim = (items[0] as { claim: ClaimInput }).claim;
    expect(claim.placeOfService).toBe('49');
    expect(claim.lines.map((line) => line.placeOfService)).toEqual([undefined, undefined, '12', '12']);
  });
});

describe('scrub outcomes of the 837P files (test/formats/x12-outcomes.ts)', () => {
  it('each claim scrubs to the pinned status and rule ids', async () => {
    const actual: typeof X12_OUTCOMES = [];
    for (const file of [...new Set(X12_OUTCOMES.map((o) => o.file))]) {
      const path = file.startsWith('x12_') ? join(X12_FIXTURES, file) : join(SAMPLES, file);
      const { items } = await readClaims(createReadStream(path));
      for (const item of items) {
        const result = scrubIntakeItem(item, scrubData());
        actual.push({ file, claimId: item.claimId ?? null, status: result.status, ruleIds: result.findings.map((f) => f.ruleId) });
      }
    }
    expect(actual).toEqual(X12_OUTCOMES);
  });
});
