import type { Performer } from '../claim/contract.ts';

/**
 * Who administered a line, from the rendering provider's NUCC taxonomy code (X12 PRV03 with
 * PRV02 PXC; FHIR careTeam.qualification). Only the registered-nurse group counts as RN, since SD
 * is for a registered nurse: nurse practitioners and clinical nurse specialists fall under other.
 */
export function performerForTaxonomy(code: string): Performer {
  const taxonomy = code.trim().toUpperCase();
  if (taxonomy.startsWith('163W')) return 'RN';
  if (taxonomy.startsWith('164W') || taxonomy.startsWith('164X')) return 'LPN';
  if (taxonomy.startsWith('1835')) return 'pharmacist';
  // NUCC's "Allopathic & Osteopathic Physicians" codes all start with 20.
  if (/^20\d/.test(taxonomy)) return 'physician';
  return 'other';
}
