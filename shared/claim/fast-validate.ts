import { CLAIM_ID_PATTERN } from './claim-id.ts';
import {
  attachmentSchema,
  CLAIM_BOUNDS,
  claimSchema,
  DIAGNOSIS_CODE_PATTERN,
  documentationSchema,
  drugSchema,
  isoDateTime,
  ISO_DATE_PATTERN,
  lineSchema,
  MODIFIER_PATTERN,
  patientSchema,
  PAYER_TYPES,
  payerSchema,
  PERFORMERS,
  PLACE_OF_SERVICE_PATTERN,
  PROCEDURE_CODE_PATTERN,
  REPORT_TYPE_PATTERN,
  TRANSMISSION_PATTERN,
  type Attachment,
  type Claim,
  type ClaimLine,
  type Documentation,
  type Drug,
} from './contract.ts';
import { digitsAt } from './ascii-digits.ts';
import { isCalendarDay } from './calendar.ts';
import { isValidNpi } from './npi.ts';
import { checkFor, type PatternCheck } from './pattern-checks.ts';

/**
 * The fast path of claim validation: a hand-compiled check of the contract in contract.ts that accepts
 * only what `claimSchema.safeParse` accepts and builds the claim it would return (unknown keys
 * stripped, key order kept, codes upper-cased). It answers "valid, and here is the claim" or "ask zod":
 * it never produces an error, so every rejection still comes from zod, word for word. Where it is in
 * doubt (an object that is not plain data, a known key present with `undefined`) it asks zod too.
 *
 * The contract stays in contract.ts: the patterns, enums and bounds are imported from it, the key
 * lists are compared with the zod shapes when this module loads (a mismatch turns the fast path off,
 * see FAST_PATH_MATCHES_CONTRACT), and test/claim/fast-validate.test.ts and the rules bench compare the
 * two on valid and broken claims, bounds at and past each limit included.
 */
export interface FastClaim {
  claim: Claim;
  /**
   * An upper bound on `JSON.stringify(input).length`, or Infinity when the input holds keys the contract
   * does not know (their size is not bounded here, so the caller measures the JSON itself).
   */
  jsonBound: number;
}

/** The keys of each object of the contract, in the zod shape's order (the order zod's output keeps). */
export const FAST_PATH_KEYS = {
  claim: ['claimId', 'use', 'submittedAt', 'payer', 'patient', 'billingProvider', 'renderingProvider', 'placeOfService', 'diagnosisCodes', 'lines', 'documentation'],
  payer: ['id', 'name', 'type'],
  patient: ['memberId', 'firstName', 'lastName', 'birthDate'],
  billingProvider: ['npi', 'name'],
  renderingProvider: ['npi', 'credential'],
  line: ['lineNumber', 'procedureCode', 'modifiers', 'units', 'serviceDate', 'serviceDateEnd', 'chargeAmount', 'infusionMinutes', 'performedBy', 'placeOfService', 'drug', 'description'],
  drug: ['ndc', 'quantity', 'unit'],
  documentation: ['medicalNecessity', 'suiteRationale', 'therapyType', 'infusionMinutes', 'medications', 'supplies', 'suiteTimeIn', 'suiteTimeOut', 'attachments'],
  attachment: ['reportType', 'transmission', 'controlNumber'],
} as const;

/** The string lengths and counts the fast path checks; the tests push each field to its limit and one past it. */
export const FAST_PATH_LIMITS = {
  payerId: CLAIM_BOUNDS.idText,
  memberId: CLAIM_BOUNDS.idText,
  personName: CLAIM_BOUNDS.personName,
  credential: CLAIM_BOUNDS.credential,
  ndc: CLAIM_BOUNDS.ndc,
  drugUnit: CLAIM_BOUNDS.drugUnit,
  lineDescription: CLAIM_BOUNDS.idText,
  controlNumber: CLAIM_BOUNDS.idText,
  text: CLAIM_BOUNDS.text,
  list: CLAIM_BOUNDS.list,
  modifiers: CLAIM_BOUNDS.modifiers,
  diagnoses: CLAIM_BOUNDS.diagnoses,
  attachments: CLAIM_BOUNDS.attachments,
  lines: CLAIM_BOUNDS.lines,
  minutes: CLAIM_BOUNDS.minutes,
  units: CLAIM_BOUNDS.units,
  charge: CLAIM_BOUNDS.charge,
} as const;

function sameKeys(shape: object, keys: readonly string[]): boolean {
  const actual = Object.keys(shape);
  return actual.length === keys.length && actual.every((key, i) => key === keys[i]);
}

/**
 * Whether the fast path's key lists are the contract's, in the same order. When the contract gains or
 * loses a field and this module is not updated, the fast path stays off (every claim goes to zod) and
 * the fast-path test fails, so the fast path is never silently wrong.
 */
export const FAST_PATH_MATCHES_CONTRACT: boolean =
  sameKeys(claimSchema.in.shape, FAST_PATH_KEYS.claim) &&
  sameKeys(payerSchema.shape, FAST_PATH_KEYS.payer) &&
  sameKeys(patientSchema.shape, FAST_PATH_KEYS.patient) &&
  sameKeys(claimSchema.in.shape.billingProvider.shape, FAST_PATH_KEYS.billingProvider) &&
  sameKeys(claimSchema.in.shape.renderingProvider.unwrap().shape, FAST_PATH_KEYS.renderingProvider) &&
  sameKeys(lineSchema.shape, FAST_PATH_KEYS.line) &&
  sameKeys(drugSchema.shape, FAST_PATH_KEYS.drug) &&
  sameKeys(documentationSchema.shape, FAST_PATH_KEYS.documentation) &&
  sameKeys(attachmentSchema.shape, FAST_PATH_KEYS.attachment) &&
  datetimePattern() !== undefined &&
  // isIsoDate reads this pattern character by character.
  ISO_DATE_PATTERN.source === String.raw`^\d{4}-\d{2}-\d{2}$` &&
  ISO_DATE_PATTERN.flags === '';

/** zod's own pattern for `z.iso.datetime({ offset: true })`, read from the contract's schema. */
function datetimePattern(): RegExp | undefined {
  const pattern: unknown = (isoDateTime as unknown as { _zod: { def: { pattern?: unknown } } })._zod.def.pattern;
  return pattern instanceof RegExp ? pattern : undefined;
}
/** The contract's patterns as the fast path tests them (pattern-checks.ts). */
const DATETIME = checkFor(datetimePattern() ?? /$^/);
const IS_CLAIM_ID = checkFor(CLAIM_ID_PATTERN);
const IS_PLACE_OF_SERVICE = checkFor(PLACE_OF_SERVICE_PATTERN);
const IS_DIAGNOSIS_CODE = checkFor(DIAGNOSIS_CODE_PATTERN);
const IS_PROCEDURE_CODE = checkFor(PROCEDURE_CODE_PATTERN);
const IS_MODIFIER = checkFor(MODIFIER_PATTERN);
const IS_REPORT_TYPE = checkFor(REPORT_TYPE_PATTERN);
const IS_TRANSMISSION = checkFor(TRANSMISSION_PATTERN);

/** What a plain object costs in JSON beyond its values: braces, and each key quoted with its colon and comma. */
function keysOverhead(keys: readonly string[]): number {
  return keys.reduce((sum, key) => sum + key.length + 4, 2);
}
const OVERHEAD = {
  claim: keysOverhead(FAST_PATH_KEYS.claim),
  payer: keysOverhead(FAST_PATH_KEYS.payer),
  patient: keysOverhead(FAST_PATH_KEYS.patient),
  billingProvider: keysOverhead(FAST_PATH_KEYS.billingProvider),
  renderingProvider: keysOverhead(FAST_PATH_KEYS.renderingProvider),
  line: keysOverhead(FAST_PATH_KEYS.line),
  drug: keysOverhead(FAST_PATH_KEYS.drug),
  documentation: keysOverhead(FAST_PATH_KEYS.documentation),
  attachment: keysOverhead(FAST_PATH_KEYS.attachment),
};
/** The longest JSON text of a finite number (`-1.7976931348623157e+308`, 24), with room to spare. */
const NUMBER_JSON = 25;
/** A string's JSON is at most 6 characters per UTF-16 unit (`\u001f`) plus its quotes. */
const stringJson = (value: string): number => 6 * value.length + 2;

/** Thrown nowhere: a sentinel for "ask zod". */
const DEFER = undefined;

/** The JSON bound of the claim being checked, summed as its fields are read; one claim at a time (synchronous). */
let bound = 0;

/** The claim zod would return for `input`, or undefined when zod must decide (invalid, or in doubt). */
export function fastClaim(input: unknown): FastClaim | undefined {
  return checked(input, false);
}

/**
 * fastClaim, built as the one-shape view the rules read (shared/scrub/claim-view.ts): the claim, its lines
 * and its documentation hold every key of the contract, `undefined` where the input has none. Same
 * checks, same values: only the objects' shapes differ, and the claim and its copy into a view are
 * made as one object each instead of two.
 */
export function fastClaimView(input: unknown): FastClaim | undefined {
  return checked(input, true);
}

function checked(input: unknown, view: boolean): FastClaim | undefined {
  if (!FAST_PATH_MATCHES_CONTRACT) return DEFER;
  bound = 0;
  oneShape = view;
  const claim = checkClaim(input);
  if (claim === DEFER) return DEFER;
  return { claim, jsonBound: bound };
}

/** Whether the claim being checked is built as the rules' one-shape view; one claim at a time, as `bound`. */
let oneShape = false;

type Plain = Record<string, unknown>;

/** A plain object (what JSON.parse makes); anything else, zod decides. */
function plain(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function plainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/**
 * After an object's known keys were read (`present` of them defined): when its enumerable keys are more,
 * it holds keys the contract does not know (zod strips them, but they count in the JSON size) or a known
 * key set to undefined (zod keeps the key), so the JSON bound is given up, or zod asked.
 */
function settleKeys(object: Plain, present: number, keys: readonly string[]): boolean {
  let count = 0;
  for (const key in object) {
    void key;
    count++;
  }
  if (count === present) return true;
  for (const key of keys) if (object[key] === undefined && key in object) return false;
  bound = Infinity;
  return true;
}

function isText(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.length > max) return false;
  bound += stringJson(value);
  return true;
}

function isRequiredText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && isText(value, max);
}

function matches(value: unknown, check: PatternCheck): value is string {
  if (typeof value !== 'string' || !check(value)) return false;
  bound += stringJson(value);
  return true;
}

function isNumberIn(value: unknown, min: number, max: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) return false;
  bound += NUMBER_JSON;
  return true;
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) return false;
  bound += NUMBER_JSON;
  return true;
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) return false;
  bound += stringJson(value);
  return true;
}

/**
 * YYYY-MM-DD naming a real day, as contract.ts's `isRealCalendarDate` decides it through Date.UTC.
 * Date.UTC reads years 0-99 as 1900-1999, so the contract rejects them; so does this.
 */
function isIsoDate(value: unknown): value is string {
  // ISO_DATE_PATTERN (\d{4}-\d{2}-\d{2}) read character by character, with the fields' numbers on the
  // way: every line has a date, and the pattern's test cost as much as the rest of the check.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d) return false;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (y < 100 || m < 0 || d < 0 || !isCalendarDay(y, m, d)) return false;
  bound += 12;
  return true;
}

function isNpi(value: unknown): value is string {
  if (typeof value !== 'string' || !isValidNpi(value)) return false;
  bound += 12;
  return true;
}

function checkClaim(input: unknown): Claim | undefined {
  if (!plain(input)) return DEFER;
  bound += OVERHEAD.claim;
  // The claim's keys read in one pass over them, as a line's are (checkLine says why).
  let claimId: unknown, use: unknown, submittedAt: unknown, payerInput: unknown, patientInput: unknown, billingInput: unknown;
  let renderingInput: unknown, placeOfService: unknown, diagnosesInput: unknown, linesInput: unknown, documentationInput: unknown;
  for (const key in input) {
    const field = input[key];
    switch (key) {
      case 'claimId': claimId = field; break;
      case 'use': use = field; break;
      case 'submittedAt': submittedAt = field; break;
      case 'payer': payerInput = field; break;
      case 'patient': patientInput = field; break;
      case 'billingProvider': billingInput = field; break;
      case 'renderingProvider': renderingInput = field; break;
      case 'placeOfService': placeOfService = field; break;
      case 'diagnosisCodes': diagnosesInput = field; break;
      case 'lines': linesInput = field; break;
      case 'documentation': documentationInput = field; break;
      default:
        // A key the contract does not know: zod strips it, but it counts in the JSON size.
        bound = Infinity;
        continue;
    }
    // A known key set to undefined: zod keeps the key, so zod decides.
    if (field === undefined) return DEFER;
  }

  if (!matches(claimId, IS_CLAIM_ID)) return DEFER;
  if (use !== undefined) {
    // Any other use is a request about a claim, which the contract rejects.
    if (use !== 'claim') return DEFER;
    bound += 7;
  }
  if (submittedAt !== undefined && !matches(submittedAt, DATETIME)) return DEFER;
  const payer = checkPayer(payerInput);
  if (payer === DEFER) return DEFER;
  const patient = checkPatient(patientInput);
  if (patient === DEFER) return DEFER;
  const billingProvider = checkBillingProvider(billingInput);
  if (billingProvider === DEFER) return DEFER;
  let renderingProvider: Claim['renderingProvider'];
  if (renderingInput !== undefined) {
    renderingProvider = checkRenderingProvider(renderingInput);
    if (renderingProvider === DEFER) return DEFER;
  }
  if (placeOfService !== undefined && !matches(placeOfService, IS_PLACE_OF_SERVICE)) return DEFER;
  let diagnosisCodes: string[] | undefined;
  if (diagnosesInput !== undefined) {
    diagnosisCodes = checkStrings(diagnosesInput, FAST_PATH_LIMITS.diagnoses, IS_DIAGNOSIS_CODE, 0);
    if (diagnosisCodes === DEFER) return DEFER;
  }
  const lines = checkLines(linesInput);
  if (lines === DEFER) return DEFER;
  let documentation: Documentation | undefined;
  if (documentationInput !== undefined) {
    documentation = checkDocumentation(documentationInput);
    if (documentation === DEFER) return DEFER;
  }

  if (oneShape) {
    return { claimId, use, submittedAt, payer, patient, billingProvider, renderingProvider, placeOfService, diagnosisCodes, lines, documentation } as Claim;
  }
  // zod's output: the shape's keys in order, an optional key only when given.
  const claim: Plain = { claimId };
  if (use !== undefined) claim.use = use;
  if (submittedAt !== undefined) claim.submittedAt = submittedAt;
  claim.payer = payer;
  claim.patient = patient;
  claim.billingProvider = billingProvider;
  if (renderingProvider !== undefined) claim.renderingProvider = renderingProvider;
  if (placeOfService !== undefined) claim.placeOfService = placeOfService;
  if (diagnosisCodes !== undefined) claim.diagnosisCodes = diagnosisCodes;
  claim.lines = lines;
  if (documentation !== undefined) claim.documentation = documentation;
  return claim as unknown as Claim;
}

function checkPayer(value: unknown): Claim['payer'] | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.payer;
  const { id, name, type } = value;
  if (!isRequiredText(id, FAST_PATH_LIMITS.payerId)) return DEFER;
  if (name !== undefined && !isText(name, FAST_PATH_LIMITS.text)) return DEFER;
  if (!isOneOf(type, PAYER_TYPES)) return DEFER;
  if (!settleKeys(value, name === undefined ? 2 : 3, FAST_PATH_KEYS.payer)) return DEFER;
  return name === undefined ? { id, type } : { id, name, type };
}

function checkPatient(value: unknown): Claim['patient'] | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.patient;
  const { memberId, firstName, lastName, birthDate } = value;
  if (!isRequiredText(memberId, FAST_PATH_LIMITS.memberId)) return DEFER;
  let present = 1;
  const out: Plain = { memberId };
  if (firstName !== undefined) {
    if (!isText(firstName, FAST_PATH_LIMITS.personName)) return DEFER;
    out.firstName = firstName;
    present++;
  }
  if (lastName !== undefined) {
    if (!isText(lastName, FAST_PATH_LIMITS.personName)) return DEFER;
    out.lastName = lastName;
    present++;
  }
  if (birthDate !== undefined) {
    if (!isIsoDate(birthDate)) return DEFER;
    out.birthDate = birthDate;
    present++;
  }
  if (!settleKeys(value, present, FAST_PATH_KEYS.patient)) return DEFER;
  return out as Claim['patient'];
}

function checkBillingProvider(value: unknown): Claim['billingProvider'] | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.billingProvider;
  const { npi, name } = value;
  if (!isNpi(npi)) return DEFER;
  if (name !== undefined && !isText(name, FAST_PATH_LIMITS.text)) return DEFER;
  if (!settleKeys(value, name === undefined ? 1 : 2, FAST_PATH_KEYS.billingProvider)) return DEFER;
  return name === undefined ? { npi } : { npi, name };
}

function checkRenderingProvider(value: unknown): Claim['renderingProvider'] | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.renderingProvider;
  const { npi, credential } = value;
  const out: Plain = {};
  let present = 0;
  if (npi !== undefined) {
    if (!isNpi(npi)) return DEFER;
    out.npi = npi;
    present++;
  }
  if (credential !== undefined) {
    if (!isText(credential, FAST_PATH_LIMITS.credential)) return DEFER;
    out.credential = credential;
    present++;
  }
  if (!settleKeys(value, present, FAST_PATH_KEYS.renderingProvider)) return DEFER;
  return out as NonNullable<Claim['renderingProvider']>;
}

/** A list of strings, each passing `pattern` (or at most `maxLength` long when none). */
function checkStrings(value: unknown, maxEntries: number, pattern: PatternCheck | null, maxLength: number): string[] | undefined {
  if (!plainArray(value) || value.length > maxEntries) return DEFER;
  bound += 2 + value.length;
  const out: string[] = new Array<string>(value.length);
  for (let i = 0; i < value.length; i++) {
    const entry = value[i];
    if (pattern === null ? !isText(entry, maxLength) : !matches(entry, pattern)) return DEFER;
    out[i] = entry as string;
  }
  return out;
}

function checkLines(value: unknown): ClaimLine[] | undefined {
  if (!plainArray(value) || value.length < 1 || value.length > FAST_PATH_LIMITS.lines) return DEFER;
  bound += 2 + value.length;
  const out: ClaimLine[] = new Array<ClaimLine>(value.length);
  for (let i = 0; i < value.length; i++) {
    const line = checkLine(value[i]);
    if (line === DEFER) return DEFER;
    // The contract's claim-level checks: unique line numbers, a range's end not before its start.
    for (let j = 0; j < i; j++) if (out[j]?.lineNumber === line.lineNumber) return DEFER;
    if (line.serviceDateEnd !== undefined && line.serviceDateEnd < line.serviceDate) return DEFER;
    out[i] = line;
  }
  return out;
}

function checkLine(value: unknown): ClaimLine | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.line;
  // The keys the line has, read in one pass over them, where twelve reads by name (on lines of many
  // shapes, each a megamorphic lookup) and a pass to count the keys cost about half as much again.
  let lineNumber: unknown, procedureCode: unknown, modifiers: unknown, units: unknown, serviceDate: unknown, serviceDateEnd: unknown;
  let chargeAmount: unknown, infusionMinutes: unknown, performedBy: unknown, placeOfService: unknown, drug: unknown, description: unknown;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'lineNumber': lineNumber = field; break;
      case 'procedureCode': procedureCode = field; break;
      case 'modifiers': modifiers = field; break;
      case 'units': units = field; break;
      case 'serviceDate': serviceDate = field; break;
      case 'serviceDateEnd': serviceDateEnd = field; break;
      case 'chargeAmount': chargeAmount = field; break;
      case 'infusionMinutes': infusionMinutes = field; break;
      case 'performedBy': performedBy = field; break;
      case 'placeOfService': placeOfService = field; break;
      case 'drug': drug = field; break;
      case 'description': description = field; break;
      default:
        // A key the contract does not know: zod strips it, but it counts in the JSON size.
        bound = Infinity;
        continue;
    }
    // A known key set to undefined: zod keeps the key, so zod decides.
    if (field === undefined) return DEFER;
  }
  if (!isIntIn(lineNumber, 1, Number.MAX_SAFE_INTEGER)) return DEFER;
  if (!matches(procedureCode, IS_PROCEDURE_CODE)) return DEFER;
  let upperModifiers: string[] | undefined;
  if (modifiers !== undefined) {
    upperModifiers = checkStrings(modifiers, FAST_PATH_LIMITS.modifiers, IS_MODIFIER, 0);
    if (upperModifiers === DEFER) return DEFER;
    for (let i = 0; i < upperModifiers.length; i++) upperModifiers[i] = upperCase(upperModifiers[i] as string);
  }
  // units: greater than 0.
  if (typeof units !== 'number' || !(units > 0) || !isNumberIn(units, 0, FAST_PATH_LIMITS.units)) return DEFER;
  if (!isIsoDate(serviceDate)) return DEFER;
  if (serviceDateEnd !== undefined && !isIsoDate(serviceDateEnd)) return DEFER;
  if (chargeAmount !== undefined && !isNumberIn(chargeAmount, 0, FAST_PATH_LIMITS.charge)) return DEFER;
  if (infusionMinutes !== undefined && !isIntIn(infusionMinutes, 0, FAST_PATH_LIMITS.minutes)) return DEFER;
  if (performedBy !== undefined && !isOneOf(performedBy, PERFORMERS)) return DEFER;
  if (placeOfService !== undefined && !matches(placeOfService, IS_PLACE_OF_SERVICE)) return DEFER;
  let checkedDrug: Drug | undefined;
  if (drug !== undefined) {
    checkedDrug = checkDrug(drug);
    if (checkedDrug === DEFER) return DEFER;
  }
  if (description !== undefined && !isText(description, FAST_PATH_LIMITS.lineDescription)) return DEFER;
  // Codes are upper-cased by the contract's transform.
  const code = upperCase(procedureCode);
  if (oneShape) {
    return { lineNumber, procedureCode: code, modifiers: upperModifiers, units, serviceDate, serviceDateEnd, chargeAmount, infusionMinutes, performedBy, placeOfService, drug: checkedDrug, description } as ClaimLine;
  }
  // zod's output: the shape's keys in order, an optional key only when given.
  const out: Plain = { lineNumber, procedureCode: code };
  if (upperModifiers !== undefined) out.modifiers = upperModifiers;
  out.units = units;
  out.serviceDate = serviceDate;
  if (serviceDateEnd !== undefined) out.serviceDateEnd = serviceDateEnd;
  if (chargeAmount !== undefined) out.chargeAmount = chargeAmount;
  if (infusionMinutes !== undefined) out.infusionMinutes = infusionMinutes;
  if (performedBy !== undefined) out.performedBy = performedBy;
  if (placeOfService !== undefined) out.placeOfService = placeOfService;
  if (checkedDrug !== undefined) out.drug = checkedDrug;
  if (description !== undefined) out.description = description;
  return out as unknown as ClaimLine;
}

/** toUpperCase, without a new string when the code is upper case already (nearly always). */
function upperCase(code: string): string {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c >= 97 && c <= 122) return code.toUpperCase();
  }
  return code;
}

function checkDrug(value: unknown): Drug | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.drug;
  const { ndc, quantity, unit } = value;
  if (!isRequiredText(ndc, FAST_PATH_LIMITS.ndc)) return DEFER;
  const out: Plain = { ndc };
  let present = 1;
  if (quantity !== undefined) {
    if (!isNumberIn(quantity, 0, FAST_PATH_LIMITS.units)) return DEFER;
    out.quantity = quantity;
    present++;
  }
  if (unit !== undefined) {
    if (!isText(unit, FAST_PATH_LIMITS.drugUnit)) return DEFER;
    out.unit = unit;
    present++;
  }
  if (!settleKeys(value, present, FAST_PATH_KEYS.drug)) return DEFER;
  return out as unknown as Drug;
}

function checkDocumentation(value: unknown): Documentation | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.documentation;
  // The keys read in one pass over them, as a line's are (checkLine says why).
  let medicalNecessity: unknown, suiteRationale: unknown, therapyType: unknown, infusionMinutes: unknown, medications: unknown;
  let supplies: unknown, suiteTimeIn: unknown, suiteTimeOut: unknown, attachments: unknown;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'medicalNecessity': medicalNecessity = field; break;
      case 'suiteRationale': suiteRationale = field; break;
      case 'therapyType': therapyType = field; break;
      case 'infusionMinutes': infusionMinutes = field; break;
      case 'medications': medications = field; break;
      case 'supplies': supplies = field; break;
      case 'suiteTimeIn': suiteTimeIn = field; break;
      case 'suiteTimeOut': suiteTimeOut = field; break;
      case 'attachments': attachments = field; break;
      default:
        // A key the contract does not know: zod strips it, but it counts in the JSON size.
        bound = Infinity;
        continue;
    }
    // A known key set to undefined: zod keeps the key, so zod decides.
    if (field === undefined) return DEFER;
  }
  if (medicalNecessity !== undefined) {
    if (typeof medicalNecessity !== 'boolean') return DEFER;
    bound += 5;
  }
  if (suiteRationale !== undefined) {
    if (typeof suiteRationale !== 'boolean') return DEFER;
    bound += 5;
  }
  if (therapyType !== undefined && !isText(therapyType, FAST_PATH_LIMITS.text)) return DEFER;
  if (infusionMinutes !== undefined && !isIntIn(infusionMinutes, 0, FAST_PATH_LIMITS.minutes)) return DEFER;
  let checkedMedications: string[] | undefined;
  if (medications !== undefined) {
    checkedMedications = checkStrings(medications, FAST_PATH_LIMITS.list, null, FAST_PATH_LIMITS.text);
    if (checkedMedications === DEFER) return DEFER;
  }
  let checkedSupplies: string[] | undefined;
  if (supplies !== undefined) {
    checkedSupplies = checkStrings(supplies, FAST_PATH_LIMITS.list, null, FAST_PATH_LIMITS.text);
    if (checkedSupplies === DEFER) return DEFER;
  }
  if (suiteTimeIn !== undefined && !matches(suiteTimeIn, DATETIME)) return DEFER;
  if (suiteTimeOut !== undefined && !matches(suiteTimeOut, DATETIME)) return DEFER;
  let checkedAttachments: Attachment[] | undefined;
  if (attachments !== undefined) {
    if (!plainArray(attachments) || attachments.length > FAST_PATH_LIMITS.attachments) return DEFER;
    bound += 2 + attachments.length;
    checkedAttachments = new Array<Attachment>(attachments.length);
    for (let i = 0; i < attachments.length; i++) {
      const attachment = checkAttachment(attachments[i]);
      if (attachment === DEFER) return DEFER;
      checkedAttachments[i] = attachment;
    }
  }
  if (oneShape) {
    return { medicalNecessity, suiteRationale, therapyType, infusionMinutes, medications: checkedMedications, supplies: checkedSupplies, suiteTimeIn, suiteTimeOut, attachments: checkedAttachments } as Documentation;
  }
  // zod's output: the shape's keys in order, an optional key only when given.
  const out: Plain = {};
  if (medicalNecessity !== undefined) out.medicalNecessity = medicalNecessity;
  if (suiteRationale !== undefined) out.suiteRationale = suiteRationale;
  if (therapyType !== undefined) out.therapyType = therapyType;
  if (infusionMinutes !== undefined) out.infusionMinutes = infusionMinutes;
  if (checkedMedications !== undefined) out.medications = checkedMedications;
  if (checkedSupplies !== undefined) out.supplies = checkedSupplies;
  if (suiteTimeIn !== undefined) out.suiteTimeIn = suiteTimeIn;
  if (suiteTimeOut !== undefined) out.suiteTimeOut = suiteTimeOut;
  if (checkedAttachments !== undefined) out.attachments = checkedAttachments;
  return out as Documentation;
}

function checkAttachment(value: unknown): Attachment | undefined {
  if (!plain(value)) return DEFER;
  bound += OVERHEAD.attachment;
  const { reportType, transmission, controlNumber } = value;
  if (!matches(reportType, IS_REPORT_TYPE)) return DEFER;
  if (!matches(transmission, IS_TRANSMISSION)) return DEFER;
  if (controlNumber !== undefined && !isText(controlNumber, FAST_PATH_LIMITS.controlNumber)) return DEFER;
  if (!settleKeys(value, controlNumber === undefined ? 2 : 3, FAST_PATH_KEYS.attachment)) return DEFER;
  return controlNumber === undefined ? { reportType, transmission } : { reportType, transmission, controlNumber };
}
