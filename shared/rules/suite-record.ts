import type { Attachment, Claim, Documentation } from '../claim/contract.ts';
import type { PayerLookup } from '../payers/payer-policy.ts';
import { hasModifier, instantOf, SUITE_MODIFIER } from './claim-facts.ts';

/** X12 PWK02 "available on request at provider site": the documents exist but stay with the provider. */
export const AVAILABLE_ON_REQUEST = 'AA';

/** What the record of an infusion-suite service must hold for a review or an audit, in the order a reviewer reads it. */
export const SUITE_RECORD_ELEMENTS = [
  'medical necessity',
  'why the suite and not the home',
  'therapy type',
  'infusion duration',
  'medications and supplies',
  'time in the suite',
] as const;

/**
 * How the claim speaks for the suite record:
 * - `sent`: an attachment went to the payer by mail, fax, e-mail, electronically or file transfer (PWK02 other than AA);
 * - `onClaim`: the documentation block gives fields of its own (the JSON block, FHIR supportingInfo), no attachment sent;
 * - `onRequest`: only attachments "available on request" (PWK02 AA), so the record stays with the provider;
 * - `none`: nothing about the record at all.
 */
export type RecordOnClaim = 'sent' | 'onClaim' | 'onRequest' | 'none';

export function recordOnClaim(claim: Claim): RecordOnClaim {
  const documentation = claim.documentation;
  const attachments = documentation?.attachments ?? [];
  if (attachments.some(isSent)) return 'sent';
  if (documentation && hasOwnFields(documentation)) return 'onClaim';
  return attachments.length > 0 ? 'onRequest' : 'none';
}

function isSent(attachment: Attachment): boolean {
  return attachment.transmission !== AVAILABLE_ON_REQUEST;
}

/**
 * Fields that do not, alone, make a claim carry its record: attachments travel apart from the claim,
 * and a drug list is what a billing system fills from its drug lines (837P 2410 LIN NDCs), not a
 * statement of the suite visit; counting it would flag every 837P suite claim with a drug line.
 */
const NOT_THE_RECORD: ReadonlySet<string> = new Set(['attachments', 'medications']);

/** Any field of the block that states part of the suite record. */
function hasOwnFields(documentation: Documentation): boolean {
  // A loop over the keys, not Object.entries: asked on every claim with documentation, and entries builds an array of pairs.
  const fields = documentation as Readonly<Record<string, unknown>>;
  for (const field in fields) {
    if (Object.hasOwn(fields, field) && fields[field] !== undefined && !NOT_THE_RECORD.has(field)) return true;
  }
  return false;
}

/** Whether the payer policy on file asks for the documentation with the claim (default: no). */
export function payerWantsDocumentationOnClaim(claim: Claim, payers: PayerLookup): boolean {
  return payers.payer(claim.payer.id)?.documentationOnClaim === true;
}

/** One element of the suite record that the claim's documentation does not show. */
export interface RecordGap {
  element: string;
  /**
   * True when the claim says something wrong rather than nothing: medical necessity or the suite rationale
   * stated as not documented, or a suite time out that is not after the time in. An attachment sent to the
   * payer may hold what the claim leaves out, but it cannot undo what the claim itself states.
   */
  contradicted: boolean;
}

/** The elements of the suite record the claim's documentation block does not show, in the order a reviewer reads them. */
export function suiteRecordGaps(claim: Claim): RecordGap[] {
  const doc = claim.documentation ?? {};
  const gaps: RecordGap[] = [];
  const gap = (element: string, contradicted = false) => gaps.push({ element, contradicted });
  if (doc.medicalNecessity !== true) gap('medical necessity', doc.medicalNecessity === false);
  if (doc.suiteRationale !== true) gap('why the suite and not the home', doc.suiteRationale === false);
  if (!doc.therapyType?.trim()) gap('therapy type');
  if (doc.infusionMinutes === undefined && !claim.lines.some((line) => line.infusionMinutes !== undefined && hasModifier(line, SUITE_MODIFIER))) {
    gap('infusion duration');
  }
  if (!hasNonBlankItem(doc.medications) && !hasNonBlankItem(doc.supplies)) gap('medications or supplies');
  if (!doc.suiteTimeIn || !doc.suiteTimeOut) gap('suite time in and out');
  // instantOf is Date.parse for these date-times, by arithmetic (Date.parse cost more than the rest of the check).
  else if (instantOf(doc.suiteTimeOut) <= instantOf(doc.suiteTimeIn)) gap('suite time out after time in', true);
  return gaps;
}

function hasNonBlankItem(items: readonly string[] | undefined): boolean {
  return items?.some((item) => item.trim() !== '') ?? false;
}
