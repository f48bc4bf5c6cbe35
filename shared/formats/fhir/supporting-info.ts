import type { ClaimInput } from '../../claim/contract.ts';
import type { FieldError } from '../../claim/validate.ts';
import type { NoteCounter } from '../notes.ts';
import type { ContractPaths } from './contract-paths.ts';
import type { ClaimRead } from './schema.ts';
import { sameSystem, SUPPORTING_INFO_SYSTEM, SYSTEMS } from './systems.ts';

type DocumentationInput = NonNullable<ClaimInput['documentation']>;
type AttachmentInput = NonNullable<DocumentationInput['attachments']>[number];
type SupportingInfo = ClaimRead['supportingInfo'][number];
type Concept = SupportingInfo['category'];

/** The suite-record codes of SUPPORTING_INFO_SYSTEM, each the documentation field it fills. */
const RECORD_CODES = ['medical-necessity', 'suite-rationale', 'therapy-type', 'infusion-minutes', 'suite-time', 'medication', 'supply', 'attachment'] as const;
type RecordCode = (typeof RECORD_CODES)[number];


/**
 * Claim.supportingInfo → the claim event's documentation block (table in docs/formats.md). The
 * scrubber's own codes name the suite-record elements; an HL7 `attachment` becomes an attachment
 * when it states an X12 report type and transmission. Anything else is counted in a note and left
 * out: supportingInfo of other categories (hospitalized, discharge, pharmacy refills, …) says
 * nothing a rule reads.
 */
export function documentationOf(entries: readonly SupportingInfo[], paths: ContractPaths, errors: FieldError[], notes: NoteCounter): DocumentationInput | undefined {
  const documentation: DocumentationInput = {};
  const medications: string[] = [];
  const supplies: string[] = [];
  const attachments: AttachmentInput[] = [];
  for (const entry of entries) {
    const path = `Claim.supportingInfo[${entry.at}]`;
    const kind = recordCodeOf(entry);
    switch (kind) {
      case 'medical-necessity':
      case 'suite-rationale': {
        const field = kind === 'medical-necessity' ? 'medicalNecessity' : 'suiteRationale';
        if (entry.valueBoolean === undefined) {
          errors.push({ path: `${path}.valueBoolean`, message: `${kind} needs valueBoolean: true when the record documents it, false when it does not` });
        } else {
          documentation[field] = entry.valueBoolean;
          paths.set(`documentation.${field}`, `${path}.valueBoolean`);
        }
        break;
      }
      case 'therapy-type': {
        const therapy = entry.valueString ?? conceptText(entry.code);
        if (therapy === undefined) errors.push({ path: `${path}.value[x]`, message: 'therapy-type needs valueString or a code (text, display or code)' });
        else {
          documentation.therapyType = therapy;
          paths.set('documentation.therapyType', path);
        }
        break;
      }
      case 'infusion-minutes': {
        const quantity = entry.valueQuantity;
        const isMinutes = quantity?.code === undefined || quantity.code === 'min';
        if (quantity?.value === undefined || !isMinutes) {
          errors.push({ path: `${path}.valueQuantity`, message: 'infusion-minutes needs valueQuantity in minutes (UCUM code min, or no code)' });
        } else {
          documentation.infusionMinutes = quantity.value;
          paths.set('documentation.infusionMinutes', `${path}.valueQuantity.value`);
        }
        break;
      }
      case 'suite-time': {
        const period = entry.timingPeriod;
        if (!period?.start || !period.end) errors.push({ path: `${path}.timingPeriod`, message: 'suite-time needs timingPeriod with start (time in) and end (time out)' });
        if (period?.start) {
          documentation.suiteTimeIn = period.start;
          paths.set('documentation.suiteTimeIn', `${path}.timingPeriod.start`);
        }
        if (period?.end) {
          documentation.suiteTimeOut = period.end;
          paths.set('documentation.suiteTimeOut', `${path}.timingPeriod.end`);
        }
        break;
      }
      case 'medication':
      case 'supply': {
        const described = describeProduct(entry);
        const list = kind === 'medication' ? medications : supplies;
        if (described === undefined) errors.push({ path, message: `${kind} needs valueString or a code naming it` });
        else {
          paths.set(`documentation.${kind === 'medication' ? 'medications' : 'supplies'}[${list.length}]`, path);
          list.push(described);
        }
        break;
      }
      case 'attachment': {
        const attachment = attachmentOf(entry);
        if (!attachment) {
          // Without a report type and transmission the attachment cannot say what it proves or whether it reached the payer.
          notes.add(`supportingInfo attachment without an X12 report type (${SYSTEMS.x12ReportType}) and transmission (${SYSTEMS.x12ReportTransmission}) code not carried`);
          break;
        }
        paths.set(`documentation.attachments[${attachments.length}]`, path);
        attachments.push(attachment);
        break;
      }
      case undefined:
        notes.add(`supportingInfo category ${categoryName(entry.category)} not carried: no claim event field takes it`);
        break;
    }
  }
  if (medications.length > 0) documentation.medications = medications;
  if (supplies.length > 0) documentation.supplies = supplies;
  if (attachments.length > 0) documentation.attachments = attachments;
  return Object.keys(documentation).length > 0 ? documentation : undefined;
}

/** The record element an entry is: the scrubber's code in category (or in code, under a general category), else an HL7 attachment. */
function recordCodeOf(entry: SupportingInfo): RecordCode | undefined {
  for (const concept of [entry.category, entry.code]) {
    const code = concept?.coding?.find((c) => sameSystem(c.system, SUPPORTING_INFO_SYSTEM))?.code;
    if (code !== undefined && isRecordCode(code)) return code;
  }
  const isHl7Attachment = entry.category.coding?.some((c) => c.code === 'attachment' && (c.system === undefined || sameSystem(c.system, SYSTEMS.claimInformationCategory)));
  return isHl7Attachment ? 'attachment' : undefined;
}

function isRecordCode(code: string): code is RecordCode {
  return (RECORD_CODES as readonly string[]).includes(code);
}

/** An attachment the claim event can carry: an X12 report type (in code) and transmission (in code or reason) are both stated. */
function attachmentOf(entry: SupportingInfo): AttachmentInput | undefined {
  const codings = [...(entry.code?.coding ?? []), ...(entry.reason?.coding ?? [])];
  const reportType = codings.find((c) => sameSystem(c.system, SYSTEMS.x12ReportType))?.code;
  const transmission = codings.find((c) => sameSystem(c.system, SYSTEMS.x12ReportTransmission))?.code;
  if (!reportType || !transmission) return undefined;
  // PWK06's attachment control number: an identifier of the document referred to, else a plain string.
  const controlNumber = entry.valueReference?.identifier?.value ?? entry.valueString;
  return { reportType, transmission, ...(controlNumber ? { controlNumber } : {}) };
}

/** A medication or supply as a line of text: its coding (NDC 00409733201) or its text, with the quantity when given. */
function describeProduct(entry: SupportingInfo): string | undefined {
  const coding = entry.code?.coding?.find((c) => c.code);
  const named = entry.valueString ?? (coding?.code && sameSystem(coding.system, 'http://hl7.org/fhir/sid/ndc') ? `NDC ${coding.code}` : conceptText(entry.code));
  if (named === undefined) return undefined;
  const quantity = entry.valueQuantity;
  if (quantity?.value === undefined) return named;
  const unit = quantity.unit ?? quantity.code;
  return `${named} (${quantity.value}${unit ? ` ${unit}` : ''})`;
}

function conceptText(concept: Concept | undefined): string | undefined {
  const coding = concept?.coding?.find((c) => c.display || c.code);
  const text = concept?.text ?? coding?.display ?? coding?.code;
  return text?.trim() ? text.trim() : undefined;
}

/** A category for a note: its code, kept to code characters so a note never carries free text. */
function categoryName(category: Concept): string {
  const code = category.coding?.find((c) => c.code)?.code;
  const safe = code?.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40);
  return safe ? `"${safe}"` : '(no code)';
}
