import type { ClaimInput, Performer } from '../../claim/contract.ts';
import type { FieldError } from '../../claim/validate.ts';
import { VISIT_CODES } from '../../codes/visit-codes.ts';
import { dottedIcd10 } from '../icd10.ts';
import type { NoteCounter } from '../notes.ts';
import { performerForTaxonomy } from '../provider-taxonomy.ts';
import { isoFromD8 } from './dates.ts';
import { CLAIM_FILING_INDICATORS } from './payer-type.ts';
import type { Numbered, RawClaim, RawLine, RawProvider } from './raw-claim.ts';
import { el } from './segment.ts';
import { CLAIM_ID_CHARACTERS, isClaimId } from '../../claim/claim-id.ts';

type ClaimLineInput = ClaimInput['lines'][number];
export type MappedClaim = { ok: true; claim: ClaimInput } | { ok: false; errors: FieldError[] };

/** PWK01 report types that document why the service was needed; other attachments say nothing about it. */
const MEDICAL_NECESSITY_REPORTS: ReadonlySet<string> = new Set(['CT', '03', '08', 'B3', 'PE']);

/**
 * Maps one 837P claim to claim event contract input. Data the 837P requires and the contract needs
 * (CLM01, CLM05-1, HI, SBR09, the NPIs and ids, SV1 and DTP*472 of each line) must be present,
 * otherwise every missing piece is listed with its segment. Whether the values are valid (NPI
 * check digit, code shape, real dates) is left to the contract, which names the field.
 */
export function mapClaim(raw: RawClaim, notes: NoteCounter): MappedClaim {
  const errors: FieldError[] = [...raw.problems];
  const need = (value: string, path: string, message: string): string => {
    if (value === '') errors.push({ path, message });
    return value;
  };
  const { clm } = raw;

  const claimId = el(clm.segment, 1).trim();
  if (claimId === '') errors.push({ path: at('CLM01', clm), message: 'the claim identifier is required' });
  else if (!isClaimId(claimId)) {
    errors.push({ path: at('CLM01', clm), message: `"${claimId}" holds characters outside ${CLAIM_ID_CHARACTERS} that a claim event id cannot carry; the claim is not renamed, so results cannot be mixed up` });
  }
  const placeOfService = need(el(clm.segment, 5, 1), at('CLM05-1', clm), 'the place of service is required');
  if (raw.hi.length === 0) errors.push({ path: at('HI', clm), message: 'the claim has no HI segment; an 837P claim must carry at least one diagnosis' });

  const billingNpi = providerNpi(raw.billing);
  if (!raw.billing) errors.push({ path: '2010AA NM1*85', message: `no billing provider precedes the claim at segment ${clm.number}` });
  else need(billingNpi ?? '', at('2010AA NM109', raw.billing.nm1), "the billing provider's NPI (NM108 XX) is required");

  const subscriber = raw.subscriber;
  if (!subscriber) errors.push({ path: '2000B', message: `no subscriber level (HL*22) precedes the claim at segment ${clm.number}` });
  const sbr = subscriber?.sbr;
  const filing = sbr ? el(sbr.segment, 9) : '';
  const filingIndicator = CLAIM_FILING_INDICATORS[filing];
  if (subscriber && !sbr) errors.push({ path: at('SBR', subscriber.hl), message: 'the subscriber level has no SBR segment' });
  else if (sbr && filing === '') errors.push({ path: at('SBR09', sbr), message: 'the claim filing indicator is required: it gives the payer type' });
  else if (sbr && !filingIndicator) errors.push({ path: at('SBR09', sbr), message: `"${filing}" is not a claim filing indicator code` });

  const member = subscriber?.nm1;
  if (subscriber && !member) errors.push({ path: at('2010BA NM1*IL', subscriber.hl), message: 'the subscriber name loop is required' });
  const memberId = member ? need(el(member.segment, 9), at('2010BA NM109', member), "the subscriber's member id is required") : '';

  const payer = subscriber?.payer;
  if (subscriber && !payer) errors.push({ path: at('2010BB NM1*PR', subscriber.hl), message: 'the payer name loop is required' });
  const payerId = payer ? need(el(payer.segment, 9), at('2010BB NM109', payer), 'the payer id is required') : '';

  const person = raw.patient?.nm1 ?? member;
  const birth = raw.patient ? raw.patient.dmg : subscriber?.dmg;
  const lines = raw.lines.map((line) => mapLine(line, raw, placeOfService, errors));
  if (raw.lines.length === 0) errors.push({ path: at('LX', clm), message: 'the claim has no service line (2400 LX)' });
  if (errors.length > 0) return { ok: false, errors };

  const rendering = renderingProvider(raw, notes);
  const documentation = documentationOf(raw, notes);
  const diagnosisCodes = diagnoses(raw.hi, notes);
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
    lines: lines.filter((line): line is ClaimLineInput => line !== undefined),
    ...(documentation ? { documentation } : {}),
  };
  return { ok: true, claim };
}

function mapLine(line: RawLine, raw: RawClaim, placeOfService: string, errors: FieldError[]): ClaimLineInput | undefined {
  errors.push(...line.problems);
  const lx = el(line.lx.segment, 1);
  const where = (name: string, numbered: Numbered) => `line ${lx || '?'} ${at(name, numbered)}`;
  const before = errors.length;
  if (!/^\d+$/.test(lx) || Number(lx) < 1) errors.push({ path: at('LX01', line.lx), message: `"${lx}" is not a line number` });

  const sv1 = line.sv1;
  if (!sv1) {
    errors.push({ path: where('SV1', line.lx), message: 'the line has no professional service (SV1)' });
    return undefined;
  }
  const s = sv1.segment;
  const qualifier = el(s, 1, 1);
  if (qualifier === 'IV') {
    errors.push({ path: where('SV101-1', sv1), message: 'qualifier IV (Home Infusion EDI Coalition codes) is not read: the scrubber checks HCPCS/CPT codes, qualifier HC' });
  } else if (qualifier !== 'HC') {
    errors.push({ path: where('SV101-1', sv1), message: `the product/service qualifier must be HC (HCPCS/CPT), got "${qualifier}"` });
  }
  const procedureCode = el(s, 1, 2);
  if (procedureCode === '') errors.push({ path: where('SV101-2', sv1), message: 'the procedure code is required' });
  const modifiers = [3, 4, 5, 6].map((c) => el(s, 1, c)).filter((m) => m !== '');

  const charge = decimal(el(s, 2));
  if (charge === undefined) errors.push({ path: where('SV102', sv1), message: `the line charge must be an amount, got "${el(s, 2)}"` });
  const unit = el(s, 3);
  const quantity = decimal(el(s, 4));
  if (quantity === undefined) errors.push({ path: where('SV104', sv1), message: `the service unit count must be a number, got "${el(s, 4)}"` });
  let units = quantity;
  let infusionMinutes: number | undefined;
  if (unit === 'MJ') {
    // Minutes describe one visit's length: the line is one unit of the code, and the minutes
    // feed the 99601/99602 time rules.
    if (quantity !== undefined && !Number.isInteger(quantity)) errors.push({ path: where('SV104', sv1), message: `minutes (SV103 MJ) must be whole, got "${el(s, 4)}"` });
    infusionMinutes = quantity;
    units = 1;
  } else if (unit !== 'UN') {
    errors.push({ path: where('SV103', sv1), message: `the unit of measure must be UN (units) or MJ (minutes), got "${unit}"` });
  }
  const linePlace = el(s, 5);
  if (linePlace !== '' && placeOfService !== '' && linePlace !== placeOfService) {
    errors.push({ path: where('SV105', sv1), message: `the line's place of service ${linePlace} differs from the claim's ${placeOfService} (CLM05-1); a claim event has one place of service, so bill the line on its own claim` });
  }

  const serviceDate = dateOf(line, errors, where);
  if (errors.length > before) return undefined;

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
  };
}

function dateOf(line: RawLine, errors: FieldError[], where: (name: string, numbered: Numbered) => string): string {
  const dtp = line.serviceDate;
  if (!dtp) {
    errors.push({ path: where('DTP*472', line.lx), message: 'the service date is required' });
    return '';
  }
  const format = el(dtp.segment, 2);
  const value = el(dtp.segment, 3);
  if (format === 'D8') return isoFromD8(value);
  // A range (per-diem days, say) is dated by its first day: the day the code had to be valid.
  if (format === 'RD8') return isoFromD8(value.split('-')[0] ?? '');
  errors.push({ path: where('DTP02', dtp), message: `the date format must be D8 or RD8, got "${format}"` });
  return '';
}

function providerNpi(provider: RawProvider | undefined): string | undefined {
  if (!provider || el(provider.nm1.segment, 8) !== 'XX') return undefined;
  return el(provider.nm1.segment, 9) || undefined;
}

function providerName(provider: RawProvider | undefined): { name?: string } {
  if (!provider) return {};
  const s = provider.nm1.segment;
  const name = el(s, 2) === '1' ? [el(s, 4), el(s, 3)].filter(Boolean).join(' ') : el(s, 3);
  return name ? { name } : {};
}

/** The claim's 2310B NPI, else the one NPI its 2420A lines agree on. */
function renderingProvider(raw: RawClaim, notes: NoteCounter): string | undefined {
  const claimLevel = providerNpi(raw.rendering);
  if (claimLevel) return claimLevel;
  if (raw.rendering) notes.add('rendering provider without an NPI (NM108 not XX) left out');
  const lineLevel = new Set(raw.lines.map((line) => providerNpi(line.rendering)).filter((npi) => npi !== undefined));
  if (lineLevel.size === 1) return [...lineLevel][0];
  if (lineLevel.size > 1) notes.add('lines name different rendering providers (2420A); the claim event holds one, so none is carried');
  return undefined;
}

function documentationOf(raw: RawClaim, notes: NoteCounter): ClaimInput['documentation'] {
  const attachments = [...raw.attachments, ...raw.lines.flatMap((line) => line.attachments)];
  const necessity = attachments.some((pwk) => MEDICAL_NECESSITY_REPORTS.has(el(pwk.segment, 1)));
  if (attachments.some((pwk) => !MEDICAL_NECESSITY_REPORTS.has(el(pwk.segment, 1)))) {
    notes.add('PWK attachment of a report type that does not document medical necessity not carried');
  }
  const medications = raw.lines.flatMap((line) => line.drugs.filter((d) => el(d.lin.segment, 2) === 'N4' && el(d.lin.segment, 3) !== '').map((d) => drugName(d)));
  if (!necessity && medications.length === 0) return undefined;
  return { ...(necessity ? { medicalNecessity: true } : {}), ...(medications.length > 0 ? { medications } : {}) };
}

function drugName(drug: { lin: Numbered; ctp?: Numbered }): string {
  const ndc = `NDC ${el(drug.lin.segment, 3)}`;
  if (!drug.ctp) return ndc;
  const quantity = el(drug.ctp.segment, 4);
  const unit = el(drug.ctp.segment, 5, 1);
  return quantity ? `${ndc} (${quantity}${unit ? ` ${unit}` : ''})` : ndc;
}

/** ICD-10-CM codes from HI ABK/ABF composites, in order; anything else is counted in a note. */
function diagnoses(hi: readonly Numbered[], notes: NoteCounter): string[] {
  const codes: string[] = [];
  for (const { segment } of hi) {
    for (let n = 1; n <= segment.elements.length; n++) {
      const qualifier = el(segment, n, 1);
      const code = el(segment, n, 2);
      if (code === '') {
        if (qualifier !== '') notes.add('HI element that is not a qualifier:code composite left out');
      } else if (qualifier === 'ABK' || qualifier === 'ABF') {
        codes.push(dottedIcd10(code));
      } else if (qualifier === 'BK' || qualifier === 'BF') {
        notes.add('ICD-9-CM diagnosis (HI BK/BF) left out: the claim event holds ICD-10-CM codes only');
      } else {
        notes.add('HI code with a qualifier other than ABK/ABF (e.g. a condition code) left out');
      }
    }
  }
  return codes;
}

function at(name: string, numbered: Numbered): string {
  return `${name} (segment ${numbered.number})`;
}

/** X12 decimals: digits with an optional point and sign, e.g. 12.25, .5, -3. */
function decimal(value: string): number | undefined {
  return /^-?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : undefined;
}
