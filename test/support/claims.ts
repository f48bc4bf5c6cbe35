import type { ClaimInput, Claim } from '../../shared/claim/contract.ts';
import { validateClaim } from '../../shared/claim/validate.ts';

/** A check-digit-valid NPI (CMS's published example). */
export const VALID_NPI = '1234567893';

type LineInput = ClaimInput['lines'][number];

/** A line with sensible defaults: one unit of S9500 on 2020-03-02. */
export function line(lineNumber: number, procedureCode: string, extra: Partial<LineInput> = {}): LineInput {
  return { lineNumber, procedureCode, units: 1, serviceDate: '2020-03-02', ...extra };
}

/** Complete suite documentation, so DOC-INCOMPLETE stays quiet unless a test removes something. */
export const FULL_DOCUMENTATION = {
  medicalNecessity: true,
  suiteRationale: true,
  therapyType: 'IV antibiotic',
  infusionMinutes: 90,
  medications: ['ceftriaxone 2 g'],
  supplies: ['IV start kit'],
  suiteTimeIn: '2020-03-02T09:00:00Z',
  suiteTimeOut: '2020-03-02T10:45:00Z',
};

/** A contract-valid claim input to a commercial payer that accepts SS; override any part. */
export function claimInput(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    claimId: 'TEST-1',
    payer: { id: 'BVPPO', type: 'commercial' },
    patient: { memberId: 'M-000' },
    billingProvider: { npi: VALID_NPI },
    placeOfService: '49',
    lines: [line(1, 'S9500', { modifiers: ['SS'] })],
    documentation: FULL_DOCUMENTATION,
    ...overrides,
  };
}

/** Builds a claim as the scrubber sees it after validation; fails loudly if the fixture breaks the contract. */
export function claim(overrides: Partial<ClaimInput> = {}): Claim {
  const outcome = validateClaim(claimInput(overrides));
  if (!outcome.ok) throw new Error(`test fixture breaks the contract: ${JSON.stringify(outcome.errors)}`);
  return outcome.claim;
}
