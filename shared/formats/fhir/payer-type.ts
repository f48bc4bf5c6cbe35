import { PAYER_TYPES, type PayerType } from '../../claim/contract.ts';

/**
 * Source of Payment Typology codes (hierarchical: 1 Medicare, 11 Medicare managed care, 111
 * Medicare HMO, …) to the contract's payer type. The longest matching prefix wins.
 */
const TYPOLOGY_PREFIXES: readonly [string, PayerType][] = [
  ['11', 'medicare_advantage'],
  // Dual-eligible special needs plans and similar organizations are managed-care Medicare plans.
  ['14', 'medicare_advantage'],
  // Part D drug plans are private plans with no Part B home-infusion rules.
  ['122', 'other'],
  ['1', 'medicare'],
  ['2', 'medicaid'],
  ['5', 'commercial'],
  ['6', 'commercial'],
  ['7', 'commercial'],
  ['3', 'other'],
  ['4', 'other'],
  ['8', 'other'],
  ['9', 'other'],
];

export function payerTypeForTypology(code: string): PayerType | undefined {
  if (!/^\d{1,5}$/.test(code)) return undefined;
  let best: [string, PayerType] | undefined;
  for (const entry of TYPOLOGY_PREFIXES) {
    if (code.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}

export function isPayerType(value: string): value is PayerType {
  return (PAYER_TYPES as readonly string[]).includes(value);
}
