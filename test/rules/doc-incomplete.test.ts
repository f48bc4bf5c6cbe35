import { docIncomplete } from '../../shared/rules/doc-incomplete.ts';
import { docRecordAudit } from '../../shared/rules/doc-record-audit.ts';
import type { PayerLookup } from '../../shared/payers/payer-policy.ts';
import { claim, FULL_DOCUMENTATION, line } from '../support/claims.ts';
import { ruleTable } from '../support/rule-table.ts';
import { scrubData } from '../support/scrub-data.ts';

const without = (...keys: (keyof typeof FULL_DOCUMENTATION)[]) =>
  Object.fromEntries(Object.entries(FULL_DOCUMENTATION).filter(([key]) => !keys.includes(key as keyof typeof FULL_DOCUMENTATION)));

/** PWK attachments as the X12 reader maps them: sent by fax, or only available on request at the provider. */
const faxed = { reportType: '03', transmission: 'FX', controlNumber: 'PWK-0001' };
const onRequest = { reportType: '03', transmission: 'AA' };

/** The bundled policy plus a payer that wants the documentation on the claim, which the bundled policy does not have. */
const bundledPayers = scrubData().payers;
const withDocumentationPayer: PayerLookup = {
  version: bundledPayers.version,
  payer: (id) =>
    id === 'DOCPLAN' ? { id, name: 'Docs-on-claim Plan (example)', type: 'commercial', acceptsSS: true, documentationOnClaim: true } : bundledPayers.payer(id),
};
const docPlan = { id: 'DOCPLAN', type: 'commercial' } as const;

const ALL_ELEMENTS = 'medical necessity, why the suite and not the home, therapy type, infusion duration, medications or supplies, suite time in and out';

ruleTable(docIncomplete, {
  valid: [
    { name: 'SS claim with full documentation', claim: claim() },
    { name: 'an 837P suite claim whose only "documentation" is the drug list of its 2410 LIN NDCs', claim: claim({ documentation: { medications: ['NDC 00409733201 (2 UN)'] } }) },
    { name: 'an 837P suite claim with its record available on request and a drug list', claim: claim({ documentation: { medications: ['NDC 00409733201 (2 UN)'], attachments: [onRequest] } }) },
    { name: 'no SS line, no documentation', claim: claim({ lines: [line(1, '99601')], documentation: undefined }) },
    { name: 'duration on the SS line instead of the documentation', claim: claim({ lines: [line(1, '99601', { modifiers: ['SS'], infusionMinutes: 100 })], documentation: without('infusionMinutes') }) },
    { name: 'supplies only, no medications', claim: claim({ documentation: { ...FULL_DOCUMENTATION, medications: [] } }) },
    { name: 'SS claim with no documentation, payer does not ask for it (DOC-RECORD-AUDIT says what the record needs)', claim: claim({ documentation: undefined }) },
    { name: 'an empty documentation block carries nothing', claim: claim({ documentation: {} }) },
    { name: 'only an attachment available on request, payer does not ask for it', claim: claim({ documentation: { attachments: [onRequest] } }) },
    { name: 'a faxed attachment carries what the claim leaves out', claim: claim({ documentation: { attachments: [faxed] } }) },
    { name: 'a faxed attachment beside partial fields', claim: claim({ documentation: { medicalNecessity: true, attachments: [faxed, onRequest] } }) },
    { name: 'payer wants documentation and a faxed attachment carries it', claim: claim({ payer: docPlan, documentation: { attachments: [faxed] } }), payers: withDocumentationPayer },
    { name: 'payer wants documentation and the claim gives it all', claim: claim({ payer: docPlan }), payers: withDocumentationPayer },
  ],
  invalid: [
    {
      name: 'documentation block with some fields names every missing element',
      claim: claim({ documentation: { therapyType: 'IV hydration' } }),
      reports: [{ messageId: 'missingElements', line: null, data: { missing: 'medical necessity, why the suite and not the home, infusion duration, medications or supplies, suite time in and out' } }],
    },
    { name: 'medical necessity false', claim: claim({ documentation: { ...FULL_DOCUMENTATION, medicalNecessity: false } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'medical necessity' } }] },
    { name: 'suite time out missing', claim: claim({ documentation: without('suiteTimeOut') }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'suite time in and out' } }] },
    { name: 'suite time out before time in', claim: claim({ documentation: { ...FULL_DOCUMENTATION, suiteTimeOut: '2020-03-02T08:00:00Z' } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'suite time out after time in' } }] },
    { name: 'blank therapy type and blank lists', claim: claim({ documentation: { ...FULL_DOCUMENTATION, therapyType: ' ', medications: [''], supplies: [] } }), reports: [{ messageId: 'missingElements', line: null, data: { missing: 'therapy type, medications or supplies' } }] },
    {
      name: 'fields with an attachment only on request: the fields are judged',
      claim: claim({ documentation: { medicalNecessity: true, attachments: [onRequest] } }),
      reports: [{ messageId: 'missingElements', line: null, data: { missing: 'why the suite and not the home, therapy type, infusion duration, medications or supplies, suite time in and out' } }],
    },
    {
      name: 'a faxed attachment cannot undo what the claim states wrong',
      claim: claim({ documentation: { suiteRationale: false, suiteTimeIn: '2020-03-02T09:00:00Z', suiteTimeOut: '2020-03-02T09:00:00Z', attachments: [faxed] } }),
      reports: [{ messageId: 'missingElements', line: null, data: { missing: 'why the suite and not the home, suite time out after time in' } }],
    },
    {
      name: 'payer wants documentation, the claim carries none',
      claim: claim({ payer: docPlan, documentation: undefined }),
      payers: withDocumentationPayer,
      reports: [{ messageId: 'requiredByPayer', line: null, data: { payerName: 'Docs-on-claim Plan (example)', payerId: 'DOCPLAN', missing: ALL_ELEMENTS } }],
    },
    {
      name: 'payer wants documentation, the claim only has it available on request',
      claim: claim({ payer: docPlan, documentation: { attachments: [onRequest] } }),
      payers: withDocumentationPayer,
      reports: [{ messageId: 'onRequestOnly', line: null, data: { payerName: 'Docs-on-claim Plan (example)', payerId: 'DOCPLAN', missing: ALL_ELEMENTS } }],
    },
    {
      name: 'payer wants documentation, the claim gives part of it',
      claim: claim({ payer: docPlan, documentation: without('suiteTimeIn', 'suiteTimeOut') }),
      payers: withDocumentationPayer,
      reports: [{ messageId: 'missingElements', line: null, data: { missing: 'suite time in and out' } }],
    },
  ],
});

const AUDIT_ELEMENTS = 'medical necessity, why the suite and not the home, therapy type, infusion duration, medications and supplies, time in the suite';

ruleTable(docRecordAudit, {
  valid: [
    { name: 'SS claim with full documentation', claim: claim() },
    { name: 'SS claim with some documentation (DOC-INCOMPLETE judges it)', claim: claim({ documentation: { therapyType: 'IV hydration' } }) },
    { name: 'a faxed attachment carries the record', claim: claim({ documentation: { attachments: [faxed] } }) },
    { name: 'no SS line, no documentation', claim: claim({ lines: [line(1, 'S9500')], documentation: undefined }) },
    { name: 'payer wants documentation on the claim (DOC-INCOMPLETE warns)', claim: claim({ payer: docPlan, documentation: undefined }), payers: withDocumentationPayer },
  ],
  invalid: [
    { name: 'SS claim with no documentation', claim: claim({ documentation: undefined }), reports: [{ messageId: 'recordHolds', line: null, data: { elements: AUDIT_ELEMENTS } }] },
    { name: 'SS claim with an empty documentation block', claim: claim({ documentation: {} }), reports: [{ messageId: 'recordHolds', line: null }] },
    { name: 'SS claim whose documentation is only available on request', claim: claim({ documentation: { attachments: [onRequest] } }), reports: [{ messageId: 'availableOnRequest', line: null, data: { elements: AUDIT_ELEMENTS } }] },
  ],
});
