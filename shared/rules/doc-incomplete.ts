import { hasLineWithModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';
import { payerWantsDocumentationOnClaim, recordOnClaim, suiteRecordGaps } from './suite-record.ts';

export const docIncomplete = defineRule({
  id: 'DOC-INCOMPLETE',
  severity: 'warning',
  description:
    'An infusion-suite (SS) claim that carries documentation, or goes to a payer that wants it on the claim, lacks one or more expected elements.',
  explanation:
    'In simple words: when a payer reviews an infusion-suite claim, it expects the record to show why the infusion was needed, why it was given in the suite and not at home, what therapy it was, how long it ran, which drugs and supplies were used, and when the patient arrived at and left the suite. Missing pieces are the usual reason a suite claim is denied on review. The scrubber checks this when the claim carries documentation, or when the payer policy says the payer wants it with the claim. An attachment sent to the payer (by mail, fax or electronically) is taken to hold the record, so only what the claim itself states wrong is reported then.',
  remediation:
    'Complete the patient\'s record with every element named in the message. Then send it the way the payer takes it: the fields of the claim\'s documentation block (JSON, or FHIR supportingInfo), or an 837P attachment (PWK) sent by mail, fax or electronically with its control number. An attachment marked "available on request" (PWK02 AA) stays with you and does not reach the payer.',
  source:
    'Product guidance for SS documentation (iframe.ai SS reference; low confidence) and payer practice: BCBS Michigan requires documented start and stop times for 99602. Whether the payer wants the documentation with the claim: the payer policy file in use, field documentationOnClaim. Attachments: X12 837P PWK segment (PWK02 transmission code; AA = available on request at the provider site).',
  messages: {
    missingElements: 'Documentation for this infusion-suite claim lacks: {{missing}}.',
    requiredByPayer: '{{payerName}} ({{payerId}}) wants the documentation with the claim, and this infusion-suite claim carries none; it lacks: {{missing}}.',
    onRequestOnly:
      '{{payerName}} ({{payerId}}) wants the documentation with the claim, but this infusion-suite claim only marks it available on request (PWK02 AA); send the attachment, or give: {{missing}}.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim, payers }) {
    if (!hasLineWithModifier(claim, SUITE_MODIFIER)) return [];
    const record = recordOnClaim(claim);
    const payerWantsIt = payerWantsDocumentationOnClaim(claim, payers);
    // A claim that carries no record, to a payer that does not ask for one, is DOC-RECORD-AUDIT's (info): the sender cannot fix it on the claim.
    if (!payerWantsIt && (record === 'none' || record === 'onRequest')) return [];
    const gaps = suiteRecordGaps(claim);
    // An attachment sent carries the record to the payer; only what the claim itself contradicts is still worth a warning.
    const reported = record === 'sent' ? gaps.filter((gap) => gap.contradicted) : gaps;
    if (reported.length === 0) return [];
    const missing = reported.map((gap) => gap.element).join(', ');
    if (record === 'sent' || record === 'onClaim') return [{ messageId: 'missingElements', data: { missing } }];
    const policy = payers.payer(claim.payer.id);
    const payer = { payerName: policy?.name ?? claim.payer.id, payerId: claim.payer.id, missing };
    return [{ messageId: record === 'onRequest' ? 'onRequestOnly' : 'requiredByPayer', data: payer }];
  },
});
