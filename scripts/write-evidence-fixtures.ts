import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClaimInput } from '../shared/claim/contract.ts';
import { write837p, writeFhirBundle } from '../test/support/claim-writers.ts';

/**
 * Writes the 837P and FHIR forms of the evidence claims in test/fixtures/denials/*.json, so each
 * rule's fixture says the same thing in all three formats. `npm run fixtures:evidence` after changing
 * the JSON; a test fails while the written files differ from what this writes.
 */
export const EVIDENCE_DIR = fileURLToPath(new URL('../test/fixtures/denials/', import.meta.url));
/** The evidence sets, by the name of their JSON file: the rules on their own, and the NCCI rules with the synthetic tables loaded. */
export const EVIDENCE_SETS = ['claims', 'ncci-claims'] as const;

export function evidenceForms(claims: readonly ClaimInput[]): { x12: string; fhir: string } {
  return { x12: write837p(claims), fhir: `${JSON.stringify(writeFhirBundle(claims), null, 2)}\n` };
}

if (import.meta.filename === process.argv[1]) {
  for (const set of EVIDENCE_SETS) {
    const claims = JSON.parse(readFileSync(`${EVIDENCE_DIR}${set}.json`, 'utf8')) as ClaimInput[];
    const forms = evidenceForms(claims);
    writeFileSync(`${EVIDENCE_DIR}${set}.x12`, forms.x12);
    writeFileSync(`${EVIDENCE_DIR}${set}.fhir.json`, forms.fhir);
    console.log(`wrote ${set}.x12 and ${set}.fhir.json (${claims.length} claims) to ${EVIDENCE_DIR}`);
  }
}
