import type { Claim, ClaimLine, Documentation } from '../claim/contract.ts';

/**
 * The claim as the rules read it: the same values, in objects that all have every key of the contract
 * (undefined where the claim has none), in the contract's order.
 *
 * Why: a validated claim keeps only the keys it was sent, so its lines and documentation come in as
 * many shapes as there are combinations of optional fields (15 line shapes and 66 documentation shapes
 * in the bench's claims). Every `line.serviceDate` a rule reads then goes through V8's megamorphic
 * property lookup, in each of the 39 rules. Through objects of one shape the 39 rules ran about 9 %
 * faster, the copying of a few references included (docs/decisions/018-one-shape-for-the-rules.md).
 *
 * `scrubInput` gets the same view straight from the fast validation path (`validClaimView`), which
 * builds each object once in this shape; a test holds the two equal, key order included.
 *
 * The view never leaves the engine: results carry the claim id only, and `undefined` fields are absent
 * to every rule's reading (`line.modifiers?.…`, `=== undefined`). Keys are listed by hand, not looped
 * over, so each object is one allocation of a known shape; test/scrub/claim-view.test.ts holds the key
 * lists to the contract's.
 */
export function claimView(claim: Claim): Claim {
  const lines = claim.lines;
  const viewLines = new Array<ClaimLine>(lines.length);
  for (let i = 0; i < lines.length; i++) viewLines[i] = lineView(lines[i] as ClaimLine);
  return {
    claimId: claim.claimId,
    use: claim.use,
    submittedAt: claim.submittedAt,
    payer: claim.payer,
    patient: claim.patient,
    billingProvider: claim.billingProvider,
    renderingProvider: claim.renderingProvider,
    placeOfService: claim.placeOfService,
    diagnosisCodes: claim.diagnosisCodes,
    lines: viewLines,
    documentation: claim.documentation === undefined ? undefined : documentationView(claim.documentation),
  };
}

function lineView(line: ClaimLine): ClaimLine {
  return {
    lineNumber: line.lineNumber,
    procedureCode: line.procedureCode,
    modifiers: line.modifiers,
    units: line.units,
    serviceDate: line.serviceDate,
    serviceDateEnd: line.serviceDateEnd,
    chargeAmount: line.chargeAmount,
    infusionMinutes: line.infusionMinutes,
    performedBy: line.performedBy,
    placeOfService: line.placeOfService,
    drug: line.drug,
    description: line.description,
  };
}

function documentationView(documentation: Documentation): Documentation {
  return {
    medicalNecessity: documentation.medicalNecessity,
    suiteRationale: documentation.suiteRationale,
    therapyType: documentation.therapyType,
    infusionMinutes: documentation.infusionMinutes,
    medications: documentation.medications,
    supplies: documentation.supplies,
    suiteTimeIn: documentation.suiteTimeIn,
    suiteTimeOut: documentation.suiteTimeOut,
    attachments: documentation.attachments,
  };
}
