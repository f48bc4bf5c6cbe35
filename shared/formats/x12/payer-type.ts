import type { PayerType } from '../../claim/contract.ts';

/**
 * SBR09 claim filing indicator codes of 005010X222A1 and the contract's payer type for each.
 * Note: MA is Medicare Part A (Original Medicare), not Medicare Advantage; Medicare Advantage
 * plans file as 16 (HMO Medicare Risk). The README's table gives the reasoning for each row.
 */
export const CLAIM_FILING_INDICATORS: Readonly<Record<string, { name: string; type: PayerType }>> = {
  '11': { name: 'Other Non-Federal Programs', type: 'other' },
  '12': { name: 'Preferred Provider Organization (PPO)', type: 'commercial' },
  '13': { name: 'Point of Service (POS)', type: 'commercial' },
  '14': { name: 'Exclusive Provider Organization (EPO)', type: 'commercial' },
  '15': { name: 'Indemnity Insurance', type: 'commercial' },
  '16': { name: 'Health Maintenance Organization (HMO) Medicare Risk', type: 'medicare_advantage' },
  '17': { name: 'Dental Maintenance Organization', type: 'commercial' },
  AM: { name: 'Automobile Medical', type: 'other' },
  BL: { name: 'Blue Cross/Blue Shield', type: 'commercial' },
  CH: { name: 'CHAMPUS (TRICARE)', type: 'other' },
  CI: { name: 'Commercial Insurance Co.', type: 'commercial' },
  DS: { name: 'Disability', type: 'other' },
  FI: { name: 'Federal Employees Program', type: 'commercial' },
  HM: { name: 'Health Maintenance Organization', type: 'commercial' },
  LM: { name: 'Liability Medical', type: 'other' },
  MA: { name: 'Medicare Part A', type: 'medicare' },
  MB: { name: 'Medicare Part B', type: 'medicare' },
  MC: { name: 'Medicaid', type: 'medicaid' },
  OF: { name: 'Other Federal Program', type: 'other' },
  TV: { name: 'Title V', type: 'other' },
  VA: { name: 'Veterans Affairs Plan', type: 'other' },
  WC: { name: "Workers' Compensation Health Claim", type: 'other' },
  ZZ: { name: 'Mutually Defined', type: 'other' },
};

const BY_CODE: ReadonlyMap<string, { name: string; type: PayerType }> = new Map(Object.entries(CLAIM_FILING_INDICATORS));

/**
 * The filing indicator an SBR09 names, or undefined: looked up in a Map, so a value such as
 * "constructor" or "toString" is no code (an object's properties would answer to it), and a value
 * just cut from the file is hashed rather than made a property key.
 */
export function claimFilingIndicator(code: string): { name: string; type: PayerType } | undefined {
  return BY_CODE.get(code);
}
