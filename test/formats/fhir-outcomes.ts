/**
 * What the scrubber says of every FHIR test file's claims (status and rule ids, `@n` for a line),
 * scrubbed with `scrubIntakeItem` and the bundled code data and payer policy. Pinned apart from the
 * mapping tests (fhir.test.ts, fhir-samples.test.ts) because the rules change on their own: the
 * reader's mapping should not have to be re-pinned when a rule does. Checked by fhir-outcomes.test.ts.
 */
export interface FhirOutcome {
  /** Under test/fixtures/, e.g. `fhir/cms1500-suite-visit.json`. */
  file: string;
  claimId: string | null;
  status: 'clean' | 'flagged' | 'rejected';
  ruleIds: string[];
}

export const FHIR_OUTCOMES: FhirOutcome[] = [
  // Public examples: none is a home-infusion claim the contract can carry; each is rejected for what it lacks.
  { file: 'fhir-samples/hl7-r4-spec__claim-example.json', claimId: '12345', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/hl7-r4-spec__claim-example-professional.json', claimId: '8612345', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/hl7-r4-spec__claim-example-institutional.json', claimId: '9612345', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/hl7-r4-spec__claim-example-institutional-rich.json', claimId: '96123451', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/hl7-r4-spec__claim-example-pharmacy-medication.json', claimId: '7612345', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/hl7-r4-spec__claim-example-cms1500-medical.json', claimId: 'MED-00050', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  // Da Vinci PAS: preauthorization requests, never scrubbed as claims (and so never a Medicare denial).
  { file: 'fhir-samples/davinci-pas-test-kit__pas_claim.json', claimId: '111099', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/davinci-pas-test-kit__conformant_pas_bundle_v110.json', claimId: '111099', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir-samples/davinci-pas-test-kit__conformant_pas_bundle_v110_multiple_items.json', claimId: '111099', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },

  // The project's own files.
  { file: 'fhir/claim-suite-commercial.json', claimId: 'HI-FHIR-0001', status: 'clean', ruleIds: ['DOC-RECORD-AUDIT'] },
  { file: 'fhir/bundle-claims.json', claimId: 'HI-FHIR-0101', status: 'flagged', ruleIds: ['MEDICARE-NONCOVERED@1', 'SS-MEDICARE@1', 'DOC-RECORD-AUDIT'] },
  { file: 'fhir/bundle-claims.json', claimId: 'HI-FHIR-0102', status: 'flagged', ruleIds: ['PAYER-SS-NOT-ACCEPTED@1', 'DOC-RECORD-AUDIT'] },
  { file: 'fhir/bundle-claims.json', claimId: 'HI-FHIR-0103', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir/bundle-claims.json', claimId: 'HI-FHIR-0104', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir/claims-bulk.ndjson', claimId: 'HI-FHIR-0001', status: 'clean', ruleIds: ['DOC-RECORD-AUDIT'] },
  { file: 'fhir/claims-bulk.ndjson', claimId: null, status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  // Per diem and nurse visit in the suite with the full record in supportingInfo: nothing to say (no SD-MISSING on S9500).
  { file: 'fhir/cms1500-suite-visit.json', claimId: 'LHI-1500-0001', status: 'clean', ruleIds: [] },
  // A home visit (line POS 12) beside suite lines, and a certification sent by fax.
  { file: 'fhir/cms1500-home-and-suite.json', claimId: 'LHI-1500-0002', status: 'clean', ruleIds: [] },
  // A prior-authorization request to Original Medicare with SS: rejected for its use, no SS-MEDICARE.
  { file: 'fhir/cms1500-prior-auth.json', claimId: 'LHI-PA-0003', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
  { file: 'fhir/cms1500-many-problems.json', claimId: 'LHI-1500-0004', status: 'rejected', ruleIds: ['CLAIM-INVALID'] },
];
