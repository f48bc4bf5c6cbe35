import type { ClaimInput, Performer } from '../../claim/contract.ts';
import { isVisitCode } from '../../codes/visit-codes.ts';
import { dottedIcd10 } from '../icd10.ts';
import { NoteCounter } from '../notes.ts';
import { performerForTaxonomy } from '../provider-taxonomy.ts';
import { isoFromD8 } from './dates.ts';
import { claimFilingIndicator } from './payer-type.ts';
import type { Numbered, RawClaim, RawLine, RawProvider } from './raw-claim.ts';
import { el } from './segment.ts';
import { CLAIM_ID_CHARACTERS, CLAIM_ID_MAX_LENGTH, isClaimId } from '../../claim/claim-id.ts';
import { isValidNpi } from '../../claim/npi.ts';
import { isAsciiDigits } from '../../claim/ascii-digits.ts';
import { validateClaim, type FieldError } from '../../claim/validate.ts';
import { quoteInput } from '../../claim/safe-text.ts';

type ClaimLineInput = ClaimInput['lines'][number];
export type MappedClaim = { ok: true; claim: ClaimInput } | { ok: false; errors: FieldError[] };


/** Why ICD-9-CM codes are left out; a file note, counted once per claim that sent any. */
export const ICD9_NOTE = 'ICD-9-CM codes (HI BK/BF) are not valid for service dates from 2015-10-01 and were not carried';

/**
 * Where each contract field came from in the 837P, by contract path (`lines[0].serviceDate`). A
 * contract error is reported at the longest known prefix of its path, so the sender sees the segment
 * to fix, and a fault the reader already named is not named twice.
 *
 * Most claims map without an error and never look a source up: a source is kept as its parts (no
 * text is built, no map hashed) until one is. Building both paths of every field of every claim
 * was about a third of mapping a claim, most of it garbage to collect.
 */
class FieldSources {
  /** Per source, STRIDE slots: contract path (or its prefix), index (-1: none), contract suffix, 837P name, its segment (or undefined), the line's LX01 (or undefined). */
  readonly #parts: (string | number | Numbered | undefined)[] = [];
  #paths: Map<string, string> | undefined;

  /** A field at a fixed contract path, found at `name` of `numbered` (or at `name` alone). */
  set(contractPath: string, name: string, numbered: Numbered | undefined, lx?: string): void {
    this.#parts.push(contractPath, -1, '', name, numbered, lx);
    this.#paths = undefined;
  }

  /** A field at `${prefix}[${index}]${suffix}`. */
  setAt(prefix: string, index: number, suffix: string, name: string, numbered: Numbered | undefined, lx?: string): void {
    this.#parts.push(prefix, index, suffix, name, numbered, lx);
    this.#paths = undefined;
  }

  x12PathOf(contractPath: string): string | undefined {
    const paths = (this.#paths ??= partsToMap(this.#parts));
    for (let path = contractPath; path !== ''; path = parentPath(path)) {
      const found = paths.get(path);
      if (found) return found;
    }
    return undefined;
  }
}

const STRIDE = 6;

/** The later of two sources of one path wins, as when each was set in turn. */
function partsToMap(parts: readonly (string | number | Numbered | undefined)[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (let i = 0; i + STRIDE <= parts.length; i += STRIDE) {
    const prefix = parts[i] as string;
    const index = parts[i + 1] as number;
    const contractPath = index === -1 ? prefix : `${prefix}[${index}]${parts[i + 2] as string}`;
    paths.set(contractPath, x12Path(parts[i + 3] as string, parts[i + 4] as Numbered | undefined, parts[i + 5] as string | undefined));
  }
  return paths;
}

/** `lines[0].serviceDate` → `lines[0]` → `lines` → ''. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** `SV102 (segment 12)`, after `line 1 ` for a line's field (LX01 given), or `name` alone without a segment. */
function x12Path(name: string, numbered: Numbered | undefined, lx: string | undefined): string {
  const path = numbered ? at(name, numbered) : name;
  return lx === undefined ? path : `line ${lx || '?'} ${path}`;
}

/**
 * Maps one 837P claim to claim event contract input. Data the 837P requires and the contract needs
 * (CLM01, CLM05-1, HI, SBR09, the NPIs and ids, SV1 and DTP*472 of each line) must be present and
 * the NPIs must be real ones, otherwise every fault is listed with its segment. When the reader
 * rejects a claim, the contract judges what could be mapped too, so the sender gets every problem
 * of the claim in one answer rather than one per resubmission. Of a claim that maps, the values'
 * validity (code shape, real dates) is left to the contract, which names the field.
 */
export function mapClaim(raw: RawClaim, notes: NoteCounter): MappedClaim {
  return mapWith(raw, notes, undefined);
}

/**
 * mapClaim, keeping where each field came from when `sources` is given. A claim is mapped without
 * them first: most claims have no error and never look a source up, and keeping them (several
 * slots per field of every claim) was a tenth of mapping. A claim with an error is mapped again
 * with them, to the same claim and errors, its notes already counted by the first mapping.
 */
function mapWith(raw: RawClaim, notes: NoteCounter, sources: FieldSources | undefined): MappedClaim {
  const errors: FieldError[] = raw.problems ? raw.problems.slice() : [];
  const { clm } = raw;

  // CLM01 as the assembler read it for the claim's position (there only when not empty).
  const claimId = raw.position.claimId ?? '';
  sources?.set('claimId', 'CLM01', clm);
  if (claimId === '') errors.push({ path: at('CLM01', clm), message: 'the claim identifier is required' });
  else if (!isClaimId(claimId)) {
    // Not echoed: an id the contract cannot carry may be anything, a patient's name included.
    errors.push({ path: at('CLM01', clm), message: `the claim identifier must be 1-${CLAIM_ID_MAX_LENGTH} ${CLAIM_ID_CHARACTERS}; the claim is not renamed, so results cannot be mixed up` });
  }
  const placeOfService = el(clm.segment, 5, 1);
  sources?.set('placeOfService', 'CLM05-1', clm);
  if (placeOfService === '') errors.push({ path: at('CLM05-1', clm), message: 'the place of service is required' });
  if (raw.hi.length === 0) errors.push({ path: at('HI', clm), message: 'the claim has no HI segment; an 837P claim must carry at least one diagnosis' });

  const billingNpi = providerNpi(raw.billing);
  if (!raw.billing) {
    sources?.set('billingProvider', '2010AA NM1*85', undefined);
    errors.push({ path: '2010AA NM1*85', message: `no billing provider precedes the claim at segment ${clm.number}` });
  } else {
    sources?.set('billingProvider.npi', '2010AA NM1*85 NM109', raw.billing.nm1);
    const problem = npiProblem(billingNpi ?? '', "the billing provider's NPI (NM108 XX) is required");
    if (problem !== undefined) errors.push({ path: at('2010AA NM1*85 NM109', raw.billing.nm1), message: problem });
  }

  const subscriber = raw.subscriber;
  if (!subscriber) errors.push({ path: '2000B', message: `no subscriber level (HL*22) precedes the claim at segment ${clm.number}` });
  const sbr = subscriber?.sbr;
  const filing = sbr ? el(sbr.segment, 9) : '';
  const filingIndicator = claimFilingIndicator(filing);
  if (subscriber && !sbr) errors.push({ path: at('SBR', subscriber.hl), message: 'the subscriber level has no SBR segment' });
  else if (sbr && filing === '') errors.push({ path: at('SBR09', sbr), message: 'the claim filing indicator is required: it gives the payer type' });
  else if (sbr && !filingIndicator) errors.push({ path: at('SBR09', sbr), message: `${quoteInput(filing)} is not a claim filing indicator code` });

  const member = subscriber?.nm1;
  if (subscriber && !member) {
    sources?.set('patient', '2010BA NM1*IL', subscriber.hl);
    errors.push({ path: at('2010BA NM1*IL', subscriber.hl), message: 'the subscriber name loop is required' });
  }
  let memberId = '';
  if (member) {
    memberId = el(member.segment, 9);
    sources?.set('patient.memberId', '2010BA NM109', member);
    if (memberId === '') errors.push({ path: at('2010BA NM109', member), message: "the subscriber's member id is required" });
  }

  const payer = subscriber?.payer;
  if (subscriber && !payer) {
    sources?.set('payer', '2010BB NM1*PR', subscriber.hl);
    errors.push({ path: at('2010BB NM1*PR', subscriber.hl), message: 'the payer name loop is required' });
  }
  let payerId = '';
  if (payer) {
    payerId = el(payer.segment, 9);
    sources?.set('payer.id', '2010BB NM109', payer);
    if (payerId === '') errors.push({ path: at('2010BB NM109', payer), message: 'the payer id is required' });
  }

  const person = raw.patient?.nm1 ?? member;
  const birth = raw.patient ? raw.patient.dmg : subscriber?.dmg;
  if (birth) sources?.set('patient.birthDate', raw.patient ? '2010CA DMG02' : '2010BA DMG02', birth);
  const lines: ClaimLineInput[] = [];
  for (let i = 0; i < raw.lines.length; i++) lines.push(mapLine(raw.lines[i] as RawLine, i, raw, placeOfService, errors, sources, notes));
  if (raw.lines.length === 0) {
    sources?.set('lines', 'LX', clm);
    errors.push({ path: at('LX', clm), message: 'the claim has no service line (2400 LX)' });
  }

  const rendering = renderingProvider(raw, notes, errors, sources);
  const documentation = documentationOf(raw, sources);
  const diagnosisCodes = diagnoses(raw.hi, notes, sources);
  const payerName = payer ? el(payer.segment, 3) : '';
  const type = filingIndicator?.type ?? 'other';
  // Optional members are added in the contract's order, without a spread of a throwaway object each.
  const patient: ClaimInput['patient'] = { memberId };
  if (person) {
    const firstName = el(person.segment, 4);
    if (firstName) patient.firstName = firstName;
    const lastName = el(person.segment, 2) === '1' ? el(person.segment, 3) : '';
    if (lastName) patient.lastName = lastName;
  }
  const birthDate = birth ? el(birth.segment, 2) : '';
  if (birthDate) patient.birthDate = isoFromD8(birthDate);
  const billingProvider: ClaimInput['billingProvider'] = { npi: billingNpi ?? '' };
  const billingName = providerName(raw.billing);
  if (billingName) billingProvider.name = billingName;
  const claim = { claimId, payer: payerName ? { id: payerId, name: payerName, type } : { id: payerId, type }, patient, billingProvider } as ClaimInput;
  if (rendering) claim.renderingProvider = { npi: rendering };
  claim.placeOfService = placeOfService;
  if (diagnosisCodes.length > 0) claim.diagnosisCodes = diagnosisCodes;
  claim.lines = lines;
  if (documentation) claim.documentation = documentation;
  if (errors.length === 0) return { ok: true, claim };
  if (!sources) return mapWith(raw, new NoteCounter(), new FieldSources());
  return { ok: false, errors: withContractErrors(errors, claim, sources) };
}

/**
 * The reader's errors, then the contract's errors of the partly mapped claim at their 837P
 * segments: one per place, so a fault the reader named (a bad NPI, a missing date) is not named
 * again in the contract's words.
 */
function withContractErrors(readerErrors: FieldError[], claim: ClaimInput, sources: FieldSources): FieldError[] {
  const validation = validateClaim(claim);
  if (validation.ok) return readerErrors;
  const all = [...readerErrors];
  const named = new Set(readerErrors.map((error) => error.path));
  for (const error of validation.errors) {
    const path = sources.x12PathOf(error.path) ?? error.path;
    if (named.has(path)) continue;
    named.add(path);
    all.push({ path, message: `${error.path} ${error.message}` });
  }
  return all;
}

/** Contract suffixes of a line's modifiers, by their order among SV101-3 to SV101-6. */
const MODIFIER_SUFFIXES = ['.modifiers[0]', '.modifiers[1]', '.modifiers[2]', '.modifiers[3]'] as const;
/** SV101 component names by component number. */
const SV101_NAMES = ['', 'SV101-1', 'SV101-2', 'SV101-3', 'SV101-4', 'SV101-5', 'SV101-6', 'SV101-7'] as const;

function mapLine(line: RawLine, index: number, raw: RawClaim, placeOfService: string, errors: FieldError[], sources: FieldSources | undefined, notes: NoteCounter): ClaimLineInput {
  if (line.problems) for (const problem of line.problems) errors.push(problem);
  const lx = el(line.lx.segment, 1);
  sources?.setAt('lines', index, '.lineNumber', 'LX01', line.lx);
  if (!isAsciiDigits(lx) || Number(lx) < 1) errors.push({ path: at('LX01', line.lx), message: `${quoteInput(lx)} is not a line number` });

  const sv1 = line.sv1;
  if (!sv1) {
    // Everything the line would have said is missing with it: one error for the line.
    sources?.setAt('lines', index, '', 'SV1', line.lx, lx);
    errors.push({ path: x12Path('SV1', line.lx, lx), message: 'the line has no professional service (SV1)' });
    return { lineNumber: Number(lx), procedureCode: '', units: 0, serviceDate: '' };
  }
  const s = sv1.segment;
  const qualifier = el(s, 1, 1);
  if (qualifier === 'IV') {
    errors.push({ path: x12Path('SV101-1', sv1, lx), message: 'qualifier IV (Home Infusion EDI Coalition codes) is not read: the scrubber checks HCPCS/CPT codes, qualifier HC' });
  } else if (qualifier !== 'HC') {
    errors.push({ path: x12Path('SV101-1', sv1, lx), message: `the product/service qualifier must be HC (HCPCS/CPT), got ${quoteInput(qualifier)}` });
  }
  const procedureCode = el(s, 1, 2);
  sources?.setAt('lines', index, '.procedureCode', 'SV101-2', sv1, lx);
  if (procedureCode === '') errors.push({ path: x12Path('SV101-2', sv1, lx), message: 'the procedure code is required' });
  // SV101's components are counted once: most lines send two to four of its seven.
  const parts = s.componentCount(1);
  let modifiers: string[] | undefined;
  for (let c = 3; c <= 6 && c <= parts; c++) {
    const modifier = el(s, 1, c);
    if (modifier === '') continue;
    modifiers ??= [];
    sources?.setAt('lines', index, MODIFIER_SUFFIXES[modifiers.length] ?? '', SV101_NAMES[c] ?? '', sv1, lx);
    modifiers.push(modifier);
  }
  // SV101-7: what a not-otherwise-classified code (J3490, say) bills, in the sender's words.
  const description = parts >= 7 ? el(s, 1, 7) : '';
  if (description !== '') sources?.setAt('lines', index, '.description', 'SV101-7', sv1, lx);

  const chargeText = el(s, 2);
  const charge = decimal(chargeText);
  sources?.setAt('lines', index, '.chargeAmount', 'SV102', sv1, lx);
  if (charge === undefined) errors.push({ path: x12Path('SV102', sv1, lx), message: `the line charge must be an amount, got ${quoteInput(chargeText)}` });
  const unit = el(s, 3);
  const quantityText = el(s, 4);
  const quantity = decimal(quantityText);
  sources?.setAt('lines', index, '.units', 'SV104', sv1, lx);
  sources?.setAt('lines', index, '.infusionMinutes', 'SV104', sv1, lx);
  if (quantity === undefined) errors.push({ path: x12Path('SV104', sv1, lx), message: `the service unit count must be a number, got ${quoteInput(quantityText)}` });
  let units = quantity;
  let infusionMinutes: number | undefined;
  if (unit === 'MJ') {
    // Minutes describe one visit's length: the line is one unit of the code, and the minutes
    // feed the 99601/99602 time rules.
    if (quantity !== undefined && !Number.isInteger(quantity)) errors.push({ path: x12Path('SV104', sv1, lx), message: `minutes (SV103 MJ) must be whole, got ${quoteInput(quantityText)}` });
    infusionMinutes = quantity;
    units = 1;
  } else if (unit !== 'UN') {
    errors.push({ path: x12Path('SV103', sv1, lx), message: `the unit of measure must be UN (units) or MJ (minutes), got ${quoteInput(unit)}` });
  }
  // SV105 is sent only when the line was served somewhere other than CLM05-1 (home lines on a
  // suite claim, say); the rules read the line's own place first.
  const linePlace = el(s, 5);
  const ownPlace = linePlace !== '' && linePlace !== placeOfService ? linePlace : undefined;
  sources?.setAt('lines', index, '.placeOfService', 'SV105', sv1, lx);

  // DTP*472: D8 is one day; RD8 (CCYYMMDD-CCYYMMDD, per-diem days, say) its first day and its last.
  let serviceDate = '';
  let serviceDateEnd: string | undefined;
  const dtp = line.serviceDate;
  if (!dtp) {
    sources?.setAt('lines', index, '.serviceDate', 'DTP*472', line.lx, lx);
    errors.push({ path: x12Path('DTP*472', line.lx, lx), message: 'the service date is required' });
  } else {
    const format = el(dtp.segment, 2);
    const value = el(dtp.segment, 3);
    sources?.setAt('lines', index, '.serviceDate', 'DTP03', dtp, lx);
    if (format === 'D8') serviceDate = isoFromD8(value);
    else if (format === 'RD8') {
      // The first day is the one the code had to be valid on; the last says how far the range runs.
      const dash = value.indexOf('-');
      if (dash === -1) serviceDate = isoFromD8(value);
      else {
        serviceDate = isoFromD8(value.slice(0, dash));
        const rest = value.slice(dash + 1);
        // As String.split('-') read it: the end is what lies between the first dash and the next.
        const next = rest.indexOf('-');
        serviceDateEnd = isoFromD8(next === -1 ? rest : rest.slice(0, next));
        sources?.setAt('lines', index, '.serviceDateEnd', 'DTP03', dtp, lx);
      }
    } else {
      sources?.setAt('lines', index, '.serviceDate', 'DTP02', dtp, lx);
      errors.push({ path: x12Path('DTP02', dtp, lx), message: `the date format must be D8 or RD8, got ${quoteInput(format)}` });
    }
  }
  const drug = line.drugs ? drugOf(line.drugs, index, lx, notes, sources) : undefined;

  // 2420A names who rendered this line. The claim's 2310B renders every line in 837P terms, but
  // per-diem, drug and supply lines are administered by no one, so it only speaks for the visits.
  const isVisit = infusionMinutes !== undefined || isVisitCode(procedureCode);
  const taxonomy = line.rendering?.taxonomy ?? (isVisit ? raw.rendering?.taxonomy : undefined);
  const performedBy: Performer | undefined = taxonomy ? performerOf(taxonomy) : undefined;
  // Optional members are added in the contract's order, without a spread of a throwaway object each.
  const mapped: ClaimLineInput = modifiers
    ? { lineNumber: Number(lx), procedureCode, modifiers, units: units ?? 0, serviceDate, chargeAmount: charge ?? 0 }
    : { lineNumber: Number(lx), procedureCode, units: units ?? 0, serviceDate, chargeAmount: charge ?? 0 };
  if (infusionMinutes !== undefined) mapped.infusionMinutes = infusionMinutes;
  if (performedBy) mapped.performedBy = performedBy;
  if (ownPlace) mapped.placeOfService = ownPlace;
  if (serviceDateEnd !== undefined) mapped.serviceDateEnd = serviceDateEnd;
  if (drug) mapped.drug = drug;
  if (description !== '') mapped.description = description;
  return mapped;
}

/**
 * The line's 2410 drug: LIN03 when LIN02 is N4 (the NDC, as sent), CTP04 its quantity and CTP05-1
 * its unit. The TR3 allows one 2410 per line; of more, the first is carried and a note says so. A
 * CTP04 that is not a number is left out with a note: the NDC still identifies the drug.
 */
function drugOf(drugs: NonNullable<RawLine['drugs']>, index: number, lx: string, notes: NoteCounter, sources: FieldSources | undefined): NonNullable<ClaimLineInput['drug']> | undefined {
  const ndcs = drugs.filter((d) => el(d.lin.segment, 2) === 'N4' && el(d.lin.segment, 3) !== '');
  const [first] = ndcs;
  if (!first) return undefined;
  if (ndcs.length > 1) notes.add('line with more than one 2410 NDC: the first is carried as the line drug');
  sources?.setAt('lines', index, '.drug', 'LIN', first.lin, lx);
  sources?.setAt('lines', index, '.drug.ndc', 'LIN03', first.lin, lx);
  const ctp = first.ctp;
  const quantityText = ctp ? el(ctp.segment, 4) : '';
  const quantity = decimal(quantityText);
  const unit = ctp ? el(ctp.segment, 5, 1) : '';
  if (ctp && quantityText !== '') {
    if (quantity === undefined) notes.add('2410 CTP04 that is not a number left out of the line drug');
    else sources?.setAt('lines', index, '.drug.quantity', 'CTP04', ctp, lx);
  }
  if (ctp && unit !== '') sources?.setAt('lines', index, '.drug.unit', 'CTP05-1', ctp, lx);
  return {
    ndc: el(first.lin.segment, 3),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(unit !== '' ? { unit } : {}),
  };
}

/** performerForTaxonomy of the last taxonomy kept: the lines of a claim, and most claims of a file, repeat one. */
function performerOf(taxonomy: string): Performer {
  if (taxonomy !== lastTaxonomy) {
    lastPerformer = performerForTaxonomy(taxonomy);
    lastTaxonomy = taxonomy;
  }
  return lastPerformer;
}

let lastTaxonomy = '';
let lastPerformer: Performer = 'other';

function providerNpi(provider: RawProvider | undefined): string | undefined {
  if (!provider || el(provider.nm1.segment, 8) !== 'XX') return undefined;
  return el(provider.nm1.segment, 9) || undefined;
}

/**
 * What is wrong with an NM1 provider's NPI (providerNpi's NM109 with NM108 XX, '' when it gave
 * none), which must be present and real: the message of the one error naming the value, or
 * undefined. An NPI identifies a provider, not a member, so it may be echoed.
 */
function npiProblem(npi: string, missing: string): string | undefined {
  if (npi === '') return missing;
  // A file names the same few providers claim after claim (a billing and a rendering one, say):
  // the last two valid NPIs are not checked again.
  if (npi === lastValidNpi || npi === otherValidNpi) return undefined;
  if (npi.length !== 10 || !isAsciiDigits(npi)) return `NPI ${/^\d{1,15}$/.test(npi) ? `${quoteInput(npi)} ` : ''}must be 10 digits`;
  if (!isValidNpi(npi)) return `NPI ${quoteInput(npi)} fails the NPI check digit`;
  otherValidNpi = lastValidNpi;
  lastValidNpi = npi;
  return undefined;
}

let lastValidNpi = '';
let otherValidNpi = '';

function providerName(provider: RawProvider | undefined): string {
  if (!provider) return '';
  const s = provider.nm1.segment;
  if (el(s, 2) !== '1') return el(s, 3);
  const first = el(s, 4);
  const last = el(s, 3);
  return first && last ? `${first} ${last}` : first || last;
}

/**
 * The claim's 2310B NPI, else the one NPI its 2420A lines agree on. Every rendering NPI sent is
 * checked, carried or not: a payer rejects a claim for a bad one wherever it sits.
 */
function renderingProvider(raw: RawClaim, notes: NoteCounter, errors: FieldError[], sources: FieldSources | undefined): string | undefined {
  const claimLevel = providerNpi(raw.rendering);
  if (raw.rendering && claimLevel) {
    const problem = npiProblem(claimLevel, '');
    if (problem !== undefined) errors.push({ path: at('2310B NM1*82 NM109', raw.rendering.nm1), message: problem });
  }
  // The lines' NPIs: the first line that names one, and whether any other names a different one.
  let first: RawLine | undefined;
  let firstNpi: string | undefined;
  let differ = false;
  for (const line of raw.lines) {
    const npi = providerNpi(line.rendering);
    if (!line.rendering || !npi) continue;
    const problem = npiProblem(npi, '');
    if (problem !== undefined) errors.push({ path: x12Path('2420A NM1*82 NM109', line.rendering.nm1, el(line.lx.segment, 1)), message: problem });
    if (!first) {
      first = line;
      firstNpi = npi;
    } else if (npi !== firstNpi) differ = true;
  }

  if (raw.rendering && claimLevel) {
    sources?.set('renderingProvider.npi', '2310B NM1*82 NM109', raw.rendering.nm1);
    return claimLevel;
  }
  if (raw.rendering) notes.add('rendering provider without an NPI (NM108 not XX) left out');
  if (first?.rendering && !differ) {
    sources?.set('renderingProvider.npi', '2420A NM1*82 NM109', first.rendering.nm1, el(first.lx.segment, 1));
    return firstNpi;
  }
  if (differ) notes.add('lines name different rendering providers (2420A); the claim event holds one, so none is carried');
  return undefined;
}

/**
 * Every 2300 and 2400 PWK as an attachment (PWK01 report type, PWK02 transmission, PWK06 control
 * number). The attachment itself says what it documents and whether it reached the payer; nothing of
 * the record is inferred from it, so an attachment kept "available on request" never reads as a record
 * the claim carries.
 */
function documentationOf(raw: RawClaim, sources: FieldSources | undefined): ClaimInput['documentation'] {
  let any = raw.attachments !== undefined;
  for (const line of raw.lines) any ||= line.attachments !== undefined || line.drugs !== undefined;
  if (!any) return undefined;
  const pwks = [...(raw.attachments ?? []), ...raw.lines.flatMap((line) => line.attachments ?? [])];
  const attachments = pwks.map((pwk, i) => {
    sources?.setAt('documentation.attachments', i, '.reportType', 'PWK01', pwk);
    sources?.setAt('documentation.attachments', i, '.transmission', 'PWK02', pwk);
    const controlNumber = el(pwk.segment, 6);
    return { reportType: el(pwk.segment, 1), transmission: el(pwk.segment, 2), ...(controlNumber ? { controlNumber } : {}) };
  });
  const medications = raw.lines.flatMap((line) => (line.drugs ?? []).filter((d) => el(d.lin.segment, 2) === 'N4' && el(d.lin.segment, 3) !== '').map((d) => drugName(d)));
  if (attachments.length === 0 && medications.length === 0) return undefined;
  return {
    ...(medications.length > 0 ? { medications } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

function drugName(drug: { lin: Numbered; ctp?: Numbered }): string {
  const ndc = `NDC ${el(drug.lin.segment, 3)}`;
  if (!drug.ctp) return ndc;
  const quantity = el(drug.ctp.segment, 4);
  const unit = el(drug.ctp.segment, 5, 1);
  return quantity ? `${ndc} (${quantity}${unit ? ` ${unit}` : ''})` : ndc;
}

/** HI element names (`HI01-2`) by element number; one past them is built when met. */
const HI_NAMES = Array.from({ length: 13 }, (_, n) => `HI${String(n).padStart(2, '0')}-2`);

/**
 * ICD-10-CM codes from HI ABK/ABF composites, in order; anything else is counted in a note. A claim
 * that sends ICD-9-CM only maps as a claim with no diagnosis codes, and the note says why.
 */
function diagnoses(hi: readonly Numbered[], notes: NoteCounter, sources: FieldSources | undefined): string[] {
  const codes: string[] = [];
  let icd9 = false;
  for (const numbered of hi) {
    const { segment } = numbered;
    for (let n = 1; n <= segment.elementCount; n++) {
      const qualifier = el(segment, n, 1);
      const code = el(segment, n, 2);
      if (code === '') {
        if (qualifier !== '') notes.add('HI element that is not a qualifier:code composite left out');
      } else if (qualifier === 'ABK' || qualifier === 'ABF') {
        sources?.setAt('diagnosisCodes', codes.length, '', HI_NAMES[n] ?? `HI${String(n).padStart(2, '0')}-2`, numbered);
        codes.push(dotted(code));
      } else if (qualifier === 'BK' || qualifier === 'BF') {
        icd9 = true;
      } else {
        notes.add('HI code with a qualifier other than ABK/ABF (e.g. a condition code) left out');
      }
    }
  }
  if (icd9) notes.add(ICD9_NOTE);
  return codes;
}

/**
 * dottedIcd10 of a code, remembered: a file's claims repeat a few hundred codes, and writing one
 * takes a handful of strings. Bounded: a file of more distinct codes starts over.
 */
function dotted(code: string): string {
  let written = DOTTED.get(code);
  if (written === undefined) {
    if (DOTTED.size >= 4096) DOTTED.clear();
    written = dottedIcd10(code);
    DOTTED.set(code, written);
  }
  return written;
}

const DOTTED = new Map<string, string>();

function at(name: string, numbered: Numbered): string {
  return `${name} (segment ${numbered.number})`;
}

/**
 * X12 decimals: digits with an optional point and sign, e.g. 12.25, .5, -3 (/^-?(\d+\.?\d*|\.\d+)$/,
 * read without a regular expression: two of them a line).
 */
function decimal(value: string): number | undefined {
  const length = value.length;
  const negative = length > 0 && value.charCodeAt(0) === 0x2d;
  let digits = 0;
  let point = false;
  // A whole number (most amounts and counts) is added up here rather than parsed again by Number.
  let whole = 0;
  for (let i = negative ? 1 : 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      digits++;
      whole = whole * 10 + (code - 0x30);
    } else if (code === 0x2e && !point) point = true;
    else return undefined;
  }
  if (digits === 0) return undefined;
  if (point || digits > 15) return Number(value);
  return negative ? -whole : whole;
}
