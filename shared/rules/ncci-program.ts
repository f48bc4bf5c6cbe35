import type { Claim } from '../claim/contract.ts';
import type { NcciLookup, NcciProgram } from '../ncci/ncci-edits.ts';
import type { PayerLookup } from '../payers/payer-policy.ts';
import { claimPayerSettings } from './line-days.ts';

/**
 * Which program's NCCI tables apply to the claim: none when the payer does not follow NCCI (its
 * `followsNcci`, true by default for Medicare and Medicaid), the Medicaid tables for a Medicaid payer,
 * the Medicare tables for every other payer that follows NCCI (Medicare Advantage, commercial plans
 * that apply CMS's edits). The payer's record in the payer policy decides its type when it has one.
 */
export function ncciProgramOf(claim: Pick<Claim, 'payer'>, payers: PayerLookup): NcciProgram | undefined {
  if (!claimPayerSettings(claim, payers).followsNcci) return undefined;
  const type = (payers.payer(claim.payer.id) ?? claim.payer).type;
  return type === 'medicaid' ? 'medicaid' : 'medicare';
}

/** The tables a message names: "Medicare", "Medicaid". */
export function ncciTableName(program: NcciProgram): string {
  return program === 'medicaid' ? 'Medicaid' : 'Medicare';
}

/** The NCCI edits and program a claim is checked against, or undefined when no check applies. */
export function ncciFor(context: { claim: Pick<Claim, 'payer'>; payers: PayerLookup; ncci?: NcciLookup | undefined }): { ncci: NcciLookup; program: NcciProgram } | undefined {
  const { ncci } = context;
  if (ncci === undefined) return undefined;
  const program = ncciProgramOf(context.claim, context.payers);
  return program === undefined ? undefined : { ncci, program };
}
