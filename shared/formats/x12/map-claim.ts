import type { ClaimInput, Performer } from '../../claim/contract.ts';
import { VISIT_CODES } from '../../codes/visit-codes.ts';
import { dottedIcd10 } from '../icd10.ts';
import type { NoteCounter } from '../notes.ts';
import { performerForTaxonomy } from '../provider-taxonomy.ts';
import { isoFromD8 } from './dates.ts';
import { CLAIM_FILING_INDICATORS } from './payer-type.ts';
import type { Numbered, RawClaim, RawLine, RawProvider } from './raw-claim.ts';
import { el } from './segment.ts';
import { CLAIM_ID_CHARACTERS, CLAIM_ID_MAX_LENGTH, isClaimId } from '../../claim/claim-id.ts';
import { isValidNpi } from '../../claim/npi.ts';
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
 */
class FieldSources {
  /** Contract path, x12 path, contract path, …: most claims map without an error and never look one up, so no map is built (hashing every path was a tenth of reading a file). */
  readonly #pairs: string[] = [];
  #paths: Map<string, string> | undefined;

  set(contractPath: string, x12Path: string): string {
    this.#pairs.push(contractPath, x12Path);
    this.#paths = undefined;
    return x12Path;
  }

  x12PathOf(contractPath: string): string | undefined {
    const paths = (this.#paths ??= pairsToMap(this.#pairs));
    for (let path = contractPath; path !== ''; path = parentPath(path)) {
      const found = paths.get(path);
      if (found) return found;
    }
    return undefined;
  }
}

/** The later of two sources of one path wins, as when each was set in turn. */
function pairsToMap(pairs: readonly string[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) paths.set(pairs[i] ?? '', pairs[i + 1] ?? '');
  return paths;
}

/** `lines[0].serviceDate` → `lines[0]` → `lines` → ''. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
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
  const errors: FieldError[] = [...raw.problems];
  const sources = new FieldSources();
  const need = (value: string, path: string, message: string): string => {
    if (value === '') errors.push({ path, message });
    return value;
  };
  const { clm } = raw;

  const claimId = el(clm.segment, 1).trim();
  const claimIdPath = sources.set('claimId', at('CLM01', clm));
  if (claimId === '') errors.push({ path: claimIdPath, message: 'the claim identifier is required' });
  else if (!isClaimId(claimId)) {
    // Not echoed: an id the contract cannot carry may be anything, a patient's name included.
    errors.push({ path: claimIdPath, message: `the claim identifier must be 1-${CLAIM_ID_MAX_LENGTH} ${CLAIM_ID_CHARACTERS}; the claim is not renamed, so results cannot be mixed up` });
  }
  const placeOfService = need(el(clm.segment, 5, 1), sources.set('placeOfService', at('CLM05-1', clm)), 'the place of service is required');
  if (raw.hi.length === 0) errors.push({ path: at('HI', clm), message: 'the claim has no HI segment; an 837P claim must carry at least one diagnosis' });

  const billingNpi = providerNpi(raw.billing);
  if (!raw.billing) errors.push({ path: sources.set('billingProvider', '2010AA NM1*85'), message: `no billing provider precedes the claim at segment ${clm.number}` });
  else checkNpi(raw.billing.nm1, sources.set('billingProvider.npi', at('2010AA NM1*85 NM109', raw.billing.nm1)), "the billing provider's NPI (NM108 XX) is required", errors);

  const subscriber = raw.subscriber;
  if (!subscriber) errors.push({ path: '2000B', message: `no subscriber level (HL*22) precedes the claim at segment ${clm.number}` });
  const sbr = subscriber?.sbr;
  const filing = sbr ? el(sbr.segment, 9) : '';
  const filingIndicator = CLAIM_FILING_INDICATORS[filing];
  if (subscriber && !sbr) errors.push({ path: at('SBR', subscriber.hl), message: 'the subscriber level has no SBR segment' });
  else if (sbr && filing === '') errors.push({ path: at('SBR09', sbr), message: 'the claim filing indicator is required: it gives the payer type' });
  else if (sbr && !filingIndicator) errors.push({ path: at('SBR09', sbr), message: `${quoteInput(filing)} is not a claim filing indicator code` });

  const member = subscriber?.nm1;
  if (subscriber && !member) errors.push({ path: sources.set('patient', at('2010BA NM1*IL', subscriber.hl)), message: 'the subscriber name loop is required' });
  const memberId = member ? need(el(member.segment, 9), sources.set('patient.memberId', at('2010BA NM109', member)), "the subscriber's member id is required") : '';

  const payer = subscriber?.payer;
  if (subscriber && !payer) errors.push({ path: sources.set('payer', at('2010BB NM1*PR', subscriber.hl)), message: 'the payer name loop is required' });
  const payerId = payer ? need(el(payer.segment, 9), sources.set('payer.id', at('2010BB NM109', payer)), 'the payer id is required') : '';

  const person = raw.patient?.nm1 ?? member;
  const birth = raw.patient ? raw.patient.dmg : subscriber?.dmg;
  if (birth) sources.set('patient.birthDate', at(raw.patient ? '2010CA DMG02' : '2010BA DMG02', birth));
  const lines = raw.lines.map((line, i) => mapLine(line, i, raw, placeOfService, errors, sources, notes));
  if (raw.lines.length === 0) errors.push({ path: sources.set('lines', at('LX', clm)), message: 'the claim has no service line (2400 LX)' });

  const rendering = renderingProvider(raw, notes, errors, sources);
  const documentation = documentationOf(raw, sources);
  const diagnosisCodes = diagnoses(raw.hi, notes, sources);
  const payerName = payer ? el(payer.segment, 3) : '';
  const claim: ClaimInput = {
    claimId,
    payer: { id: payerId, ...(payerName ? { name: payerName } : {}), type: filingIndicator?.type ?? 'other' },
    patient: {
      memberId,
      ...(person && el(person.segment, 4) ? { firstName: el(person.segment, 4) } : {}),
      ...(person && el(person.segment, 2) === '1' && el(person.segment, 3) ? { lastName: el(person.segment, 3) } : {}),
      ...(birth && el(birth.segment, 2) ? { birthDate: isoFromD8(el(birth.segment, 2)) } : {}),
    },
    billingProvider: { npi: billingNpi ?? '', ...providerName(raw.billing) },
    ...(rendering ? { renderingProvider: { npi: rendering } } : {}),
    placeOfService,
    ...(diagnosisCodes.length > 0 ? { diagnosisCodes } : {}),
    lines,
    ...(documentation ? { documentation } : {}),
  };
  if (errors.length === 0) return { ok: true, claim };
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

function mapLine(line: RawLine, index: number, raw: RawClaim, placeOfService: string, errors: FieldError[], sources: FieldSources, notes: NoteCounter): ClaimLineInput {
  errors.push(...line.problems);
  const lx = el(line.lx.segment, 1);
  const where = (name: string, numbered: Numbered) => `line ${lx || '?'} ${at(name, numbered)}`;
  const field = (name: string, x12Path: string) => sources.set(`lines[${index}]${name}`, x12Path);
  const lineNumberPath = field('.lineNumber', at('LX01', line.lx));
  if (!/^\d+$/.test(lx) || Number(lx) < 1) errors.push({ path: lineNumberPath, message: `${quoteInput(lx)} is not a line number` });

  const sv1 = line.sv1;
  if (!sv1) {
    // Everything the line would have said is missing with it: one error for the line.
    errors.push({ path: field('', where('SV1', line.lx)), message: 'the line has no professional service (SV1)' });
    return { lineNumber: Number(lx), procedureCode: '', units: 0, serviceDate: '' };
  }
  const s = sv1.segment;
  const qualifier = el(s, 1, 1);
  if (qualifier === 'IV') {
    errors.push({ path: where('SV101-1', sv1), message: 'qualifier IV (Home Infusion EDI Coalition codes) is not read: the scrubber checks HCPCS/CPT codes, qualifier HC' });
  } else if (qualifier !== 'HC') {
    errors.push({ path: where('SV101-1', sv1), message: `the product/service qualifier must be HC (HCPCS/CPT), got ${quoteInput(qualifier)}` });
  }
  const procedureCode = el(s, 1, 2);
  if (procedureCode === '') errors.push({ path: field('.procedureCode', where('SV101-2', sv1)), message: 'the procedure code is required' });
  else field('.procedureCode', where('SV101-2', sv1));
  const modifierComponents = [3, 4, 5, 6].filter((c) => el(s, 1, c) !== '');
  modifierComponents.forEach((c, i) => field(`.modifiers[${i}]`, where(`SV101-${c}`, sv1)));
  const modifiers = modifierComponents.map((c) => el(s, 1, c));
  // SV101-7: what a not-otherwise-classified code (J3490, say) bills, in the sender's words.
  const description = el(s, 1, 7);
  if (description !== '') field('.description', where('SV101-7', sv1));

  const charge = decimal(el(s, 2));
  const chargePath = field('.chargeAmount', where('SV102', sv1));
  if (charge === undefined) errors.push({ path: chargePath, message: `the line charge must be an amount, got ${quoteInput(el(s, 2))}` });
  const unit = el(s, 3);
  const quantity = decimal(el(s, 4));
  const quantityPath = where('SV104', sv1);
  field('.units', quantityPath);
  field('.infusionMinutes', quantityPath);
  if (quantity === undefined) errors.push({ path: quantityPath, message: `the service unit count must be a number, got ${quoteInput(el(s, 4))}` });
  let units = quantity;
  let infusionMinutes: number | undefined;
  if (unit === 'MJ') {
    // Minutes describe one visit's length: the line is one unit of the code, and the minutes
    // feed the 99601/99602 time rules.
    if (quantity !== undefined && !Number.isInteger(quantity)) errors.push({ path: quantityPath, message: `minutes (SV103 MJ) must be whole, got ${quoteInput(el(s, 4))}` });
    infusionMinutes = quantity;
    units = 1;
  } else if (unit !== 'UN') {
    errors.push({ path: where('SV103', sv1), message: `the unit of measure must be UN (units) or MJ (minutes), got ${quoteInput(unit)}` });
  }
  // SV105 is sent only when the line was served somewhere other than CLM05-1 (home lines on a
  // suite claim, say); the rules read the line's own place first.
  const linePlace = el(s, 5);
  const ownPlace = linePlace !== '' && linePlace !== placeOfService ? linePlace : undefined;
  field('.placeOfService', where('SV105', sv1));

  const { serviceDate, serviceDateEnd } = dateOf(line, errors, where, (path) => field('.serviceDate', path));
  if (serviceDateEnd !== undefined && line.serviceDate) field('.serviceDateEnd', where('DTP03', line.serviceDate));
  const drug = drugOf(line, notes, where, (name, x12Path) => field(`.drug${name}`, x12Path));

  // 2420A names who rendered this line. The claim's 2310B renders every line in 837P terms, but
  // per-diem, drug and supply lines are administered by no one, so it only speaks for the visits.
  const isVisit = infusionMinutes !== undefined || VISIT_CODES.has(procedureCode.toUpperCase());
  const taxonomy = line.rendering?.taxonomy ?? (isVisit ? raw.rendering?.taxonomy : undefined);
  const performedBy: Performer | undefined = taxonomy ? performerForTaxonomy(taxonomy) : undefined;
  return {
    lineNumber: Number(lx),
    procedureCode,
    ...(modifiers.length > 0 ? { modifiers } : {}),
    units: units ?? 0,
    serviceDate,
    chargeAmount: charge ?? 0,
    ...(infusionMinutes !== undefined ? { infusionMinutes } : {}),
    ...(performedBy ? { performedBy } : {}),
    ...(ownPlace ? { placeOfService: ownPlace } : {}),
    ...(serviceDateEnd !== undefined ? { serviceDateEnd } : {}),
    ...(drug ? { drug } : {}),
    ...(description !== '' ? { description } : {}),
  };
}

/**
 * The line's 2410 drug: LIN03 when LIN02 is N4 (the NDC, as sent), CTP04 its quantity and CTP05-1
 * its unit. The TR3 allows one 2410 per line; of more, the first is carried and a note says so. A
 * CTP04 that is not a number is left out with a note: the NDC still identifies the drug.
 */
function drugOf(
  line: RawLine,
  notes: NoteCounter,
  where: (name: string, numbered: Numbered) => string,
  source: (name: string, x12Path: string) => string,
): NonNullable<ClaimLineInput['drug']> | undefined {
  const ndcs = line.drugs.filter((d) => el(d.lin.segment, 2) === 'N4' && el(d.lin.segment, 3) !== '');
  const [first] = ndcs;
  if (!first) return undefined;
  if (ndcs.length > 1) notes.add('line with more than one 2410 NDC: the first is carried as the line drug');
  source('', where('LIN', first.lin));
  source('.ndc', where('LIN03', first.lin));
  const ctp = first.ctp;
  const quantityText = ctp ? el(ctp.segment, 4) : '';
  const quantity = decimal(quantityText);
  const unit = ctp ? el(ctp.segment, 5, 1) : '';
  if (ctp && quantityText !== '') {
    if (quantity === undefined) notes.add('2410 CTP04 that is not a number left out of the line drug');
    else source('.quantity', where('CTP04', ctp));
  }
  if (ctp && unit !== '') source('.unit', where('CTP05-1', ctp));
  return {
    ndc: el(first.lin.segment, 3),
    ...(quantity !== undefined ? { quantity } : {}),
    ...(unit !== '' ? { unit } : {}),
  };
}

/** DTP*472: D8 is one day; RD8 (CCYYMMDD-CCYYMMDD, per-diem days, say) its first day and its last. */
function dateOf(
  line: RawLine,
  errors: FieldError[],
  where: (name: string, numbered: Numbered) => string,
  source: (x12Path: string) => string,
): { serviceDate: string; serviceDateEnd?: string } {
  const dtp = line.serviceDate;
  if (!dtp) {
    errors.push({ path: source(where('DTP*472', line.lx)), message: 'the service date is required' });
    return { serviceDate: '' };
  }
  const format = el(dtp.segment, 2);
  const value = el(dtp.segment, 3);
  source(where('DTP03', dtp));
  if (format === 'D8') return { serviceDate: isoFromD8(value) };
  if (format === 'RD8') {
    // The first day is the one the code had to be valid on; the last says how far the range runs.
    const [start = '', end] = value.split('-');
    return { serviceDate: isoFromD8(start), ...(end !== undefined ? { serviceDateEnd: isoFromD8(end) } : {}) };
  }
  errors.push({ path: source(where('DTP02', dtp)), message: `the date format must be D8 or RD8, got ${quoteInput(format)}` });
  return { serviceDate: '' };
}

function providerNpi(provider: RawProvider | undefined): string | undefined {
  if (!provider || el(provider.nm1.segment, 8) !== 'XX') return undefined;
  return el(provider.nm1.segment, 9) || undefined;
}

/**
 * An NM1 provider's NPI (NM109 with NM108 XX) must be present and real: one error naming the loop,
 * the segment and the value. An NPI identifies a provider, not a member, so it may be echoed.
 */
function checkNpi(nm1: Numbered, path: string, missing: string, errors: FieldError[]): void {
  const npi = el(nm1.segment, 8) === 'XX' ? el(nm1.segment, 9) : '';
  if (npi === '') errors.push({ path, message: missing });
  else if (!/^\d{10}$/.test(npi)) errors.push({ path, message: `NPI ${/^\d{1,15}$/.test(npi) ? `${quoteInput(npi)} ` : ''}must be 10 digits` });
  else if (!isValidNpi(npi)) errors.push({ path, message: `NPI ${quoteInput(npi)} fails the NPI check digit` });
}

function providerName(provider: RawProvider | undefined): { name?: string } {
  if (!provider) return {};
  const s = provider.nm1.segment;
  const name = el(s, 2) === '1' ? [el(s, 4), el(s, 3)].filter(Boolean).join(' ') : el(s, 3);
  return name ? { name } : {};
}

/**
 * The claim's 2310B NPI, else the one NPI its 2420A lines agree on. Every rendering NPI sent is
 * checked, carried or not: a payer rejects a claim for a bad one wherever it sits.
 */
function renderingProvider(raw: RawClaim, notes: NoteCounter, errors: FieldError[], sources: FieldSources): string | undefined {
  const lineProviders = raw.lines.flatMap((line) => (line.rendering && providerNpi(line.rendering) ? [{ line, nm1: line.rendering.nm1 }] : []));
  const claimPath = raw.rendering ? at('2310B NM1*82 NM109', raw.rendering.nm1) : undefined;
  if (raw.rendering && claimPath && providerNpi(raw.rendering)) checkNpi(raw.rendering.nm1, claimPath, '', errors);
  const linePaths = lineProviders.map(({ line, nm1 }) => `line ${el(line.lx.segment, 1) || '?'} ${at('2420A NM1*82 NM109', nm1)}`);
  lineProviders.forEach(({ nm1 }, i) => checkNpi(nm1, linePaths[i] ?? '', '', errors));

  const claimLevel = providerNpi(raw.rendering);
  if (claimLevel && claimPath) {
    sources.set('renderingProvider.npi', claimPath);
    return claimLevel;
  }
  if (raw.rendering) notes.add('rendering provider without an NPI (NM108 not XX) left out');
  const lineLevel = new Set(lineProviders.map(({ nm1 }) => el(nm1.segment, 9)));
  if (lineLevel.size === 1) {
    sources.set('renderingProvider.npi', linePaths[0] ?? '');
    return [...lineLevel][0];
  }
  if (lineLevel.size > 1) notes.add('lines name different rendering providers (2420A); the claim event holds one, so none is carried');
  return undefined;
}

/**
 * Every 2300 and 2400 PWK as an attachment (PWK01 report type, PWK02 transmission, PWK06 control
 * number). The attachment itself says what it documents and whether it reached the payer; nothing of
 * the record is inferred from it, so an attachment kept "available on request" never reads as a record
 * the claim carries.
 */
function documentationOf(raw: RawClaim, sources: FieldSources): ClaimInput['documentation'] {
  const pwks = [...raw.attachments, ...raw.lines.flatMap((line) => line.attachments)];
  const attachments = pwks.map((pwk, i) => {
    sources.set(`documentation.attachments[${i}].reportType`, at('PWK01', pwk));
    sources.set(`documentation.attachments[${i}].transmission`, at('PWK02', pwk));
    const controlNumber = el(pwk.segment, 6);
    return { reportType: el(pwk.segment, 1), transmission: el(pwk.segment, 2), ...(controlNumber ? { controlNumber } : {}) };
  });
  const medications = raw.lines.flatMap((line) => line.drugs.filter((d) => el(d.lin.segment, 2) === 'N4' && el(d.lin.segment, 3) !== '').map((d) => drugName(d)));
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

/**
 * ICD-10-CM codes from HI ABK/ABF composites, in order; anything else is counted in a note. A claim
 * that sends ICD-9-CM only maps as a claim with no diagnosis codes, and the note says why.
 */
function diagnoses(hi: readonly Numbered[], notes: NoteCounter, sources: FieldSources): string[] {
  const codes: string[] = [];
  let icd9 = false;
  for (const numbered of hi) {
    const { segment } = numbered;
    for (let n = 1; n <= segment.elements.length; n++) {
      const qualifier = el(segment, n, 1);
      const code = el(segment, n, 2);
      if (code === '') {
        if (qualifier !== '') notes.add('HI element that is not a qualifier:code composite left out');
      } else if (qualifier === 'ABK' || qualifier === 'ABF') {
        sources.set(`diagnosisCodes[${codes.length}]`, at(`HI${String(n).padStart(2, '0')}-2`, numbered));
        codes.push(dottedIcd10(code));
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

function at(name: string, numbered: Numbered): string {
  return `${name} (segment ${numbered.number})`;
}

/** X12 decimals: digits with an optional point and sign, e.g. 12.25, .5, -3. */
function decimal(value: string): number | undefined {
  return /^-?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : undefined;
}
