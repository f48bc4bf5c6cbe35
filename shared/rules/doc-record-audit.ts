import { hasLineWithModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';
import { payerWantsDocumentationOnClaim, recordOnClaim, SUITE_RECORD_ELEMENTS } from './suite-record.ts';

export const docRecordAudit = defineRule({
  id: 'DOC-RECORD-AUDIT',
  severity: 'info',
  description:
    'An infusion-suite (SS) claim carries no documentation and its payer does not ask for it on the claim; the finding names what the record must hold for an audit.',
  explanation:
    'In simple words: an 837P claim has no place for why the patient came to the suite, how long the infusion ran or when the patient arrived and left, and this payer does not ask for those on the claim. The claim is fine as it is. But if the payer reviews or audits it later, the patient\'s record at your office must show them, or the payment can be taken back.',
  remediation:
    'Nothing to change on the claim. Make sure the patient\'s record holds every element named in the message, so it can be sent when the payer asks.',
  source:
    'Product guidance for SS documentation (iframe.ai SS reference; low confidence): a prompt for what the record should hold (info), not a claim field. BCBS Michigan requires documented start and stop times for 99602. Whether the payer wants the documentation with the claim: the payer policy file in use, field documentationOnClaim (default no).',
  messages: {
    recordHolds: 'For an audit, the record of this infusion-suite claim must hold: {{elements}}.',
    availableOnRequest: 'The claim marks its documentation available on request (PWK02 AA); for an audit, that record must hold: {{elements}}.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim, payers }) {
    if (!hasLineWithModifier(claim, SUITE_MODIFIER)) return [];
    const record = recordOnClaim(claim);
    // A claim that carries documentation, or goes to a payer that wants it, is DOC-INCOMPLETE's to judge.
    if ((record !== 'none' && record !== 'onRequest') || payerWantsDocumentationOnClaim(claim, payers)) return [];
    return [{ messageId: record === 'onRequest' ? 'availableOnRequest' : 'recordHolds', data: { elements: SUITE_RECORD_ELEMENTS.join(', ') } }];
  },
});
