import type { ClaimInput } from '../../../shared/claim/contract.ts';
import { claimInput, line } from '../../support/claims.ts';

export { claimInput, line };

/** A claim that scrubs clean: commercial payer that accepts SS, suite POS, complete documentation. */
export function cleanClaim(claimId: string): ClaimInput {
  return claimInput({ claimId, lines: [line(1, 'S9500', { modifiers: ['SS'], performedBy: 'pharmacist' })] });
}

/** A Medicare claim with SS on an S-code: flagged, Medicare denial risk, so an alert. */
export function medicareSuiteClaim(claimId: string): ClaimInput {
  return claimInput({ claimId, payer: { id: 'MCR-JM', type: 'medicare' }, lines: [line(1, 'S9500', { modifiers: ['SS'] })] });
}

/** Flagged without denial risk: the payer has no policy record, so SS acceptance is unknown. */
export function flaggedClaim(claimId: string): ClaimInput {
  return claimInput({ claimId, payer: { id: 'NO-SUCH-PAYER', type: 'commercial' } });
}

/** Breaks the contract (bad NPI, no lines) but keeps a usable claimId. */
export function brokenClaim(claimId: string): object {
  return { claimId, payer: { id: 'BVPPO', type: 'commercial' }, patient: { memberId: 'M-1' }, billingProvider: { npi: '1234567890' }, lines: [] };
}
