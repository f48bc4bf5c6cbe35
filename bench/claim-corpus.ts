import { isDeepStrictEqual } from 'node:util';
import type { ClaimInput } from '../shared/claim/contract.ts';
import { fastClaim, FAST_PATH_LIMITS } from '../shared/claim/fast-validate.ts';
import { validateClaim, validateClaimWithZod, type ValidationOutcome } from '../shared/claim/validate.ts';
import { mulberry32, type Random } from './generate-claims.ts';

/**
 * Claims to prove the fast validation path equal to zod on: valid generated claims broken (or bent but
 * still valid) one or more ways at random, and a fixed list of edge cases at each bound.
 */

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const text = (n: number): string => 'x'.repeat(n);

/** A valid NPI (check digit included) and the same with its check digit off by one. */
const GOOD_NPI = '1234567893';
const BAD_NPI = '1234567894';

const JUNK: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  0,
  -1,
  1.5,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e21,
  2 ** 53,
  true,
  false,
  [],
  {},
  [1, 2],
  { a: 1 },
  '2020-02-30',
  '1900-02-29',
  '2000-02-29',
  '0050-01-01',
  'ss',
  'S9325',
  '\u001b[31m',
  text(201),
];

/** Where a claim can be changed: a getter/setter pair on its object graph, by dotted name. */
function objectsOf(claim: Json): { at: string; object: Json }[] {
  const out: { at: string; object: Json }[] = [{ at: '', object: claim }];
  for (const key of ['payer', 'patient', 'billingProvider', 'renderingProvider', 'documentation']) {
    const value = claim[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push({ at: key, object: value as Json });
  }
  const lines = claim.lines;
  if (Array.isArray(lines)) {
    lines.forEach((line: unknown, i) => {
      if (line && typeof line === 'object') {
        out.push({ at: `lines[${i}]`, object: line as Json });
        const drug = (line as Json).drug;
        if (drug && typeof drug === 'object') out.push({ at: `lines[${i}].drug`, object: drug as Json });
      }
    });
  }
  const attachments = (claim.documentation as Json | undefined)?.attachments;
  if (Array.isArray(attachments)) attachments.forEach((a) => a && typeof a === 'object' && out.push({ at: 'attachment', object: a as Json }));
  return out;
}

const FIELD_VALUES: Record<string, readonly unknown[]> = {
  claimId: [' lead', 'trail ', text(64), text(65), 'é', 'A'],
  use: ['claim', 'preauthorization', 'predetermination', 'CLAIM'],
  submittedAt: ['2020-01-01T00:00:00Z', '2020-01-01T00:00:00.123+05:30', '2020-01-01T00:00Z', '2020-01-01T24:00:00Z', '2020-02-30T00:00:00Z', '2020-01-01 00:00:00Z'],
  id: [text(80), text(81)],
  memberId: [text(80), text(81)],
  firstName: [text(60), text(61)],
  lastName: [text(60), text(61)],
  birthDate: ['2020-02-29', '2019-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '0099-12-31', '0100-01-01', '9999-12-31', '2020-1-01'],
  type: ['medicare', 'MEDICARE', 'self'],
  npi: [GOOD_NPI, BAD_NPI, '123456789', '12345678901', '123456789O'],
  credential: [text(20), text(21)],
  placeOfService: ['11', '1', '111', 'aa'],
  diagnosisCodes: [['A41.9'], ['U07.1'], ['a41.9'], Array(25).fill('A419'), Array(26).fill('A419'), 'A41.9'],
  lineNumber: [1, 0, 2 ** 53, 1.5, '1', 3],
  procedureCode: ['s9325', 'S932', 'S93255', 'S932-'],
  modifiers: [['ss', 'sd'], ['S'], Array(10).fill('SS'), Array(11).fill('SS'), 'SS', []],
  units: [0, 1e-9, FAST_PATH_LIMITS.units, FAST_PATH_LIMITS.units + 0.5, -1],
  serviceDate: ['2020-02-29', '2021-02-29', '2020-12-31'],
  serviceDateEnd: ['2000-01-01', '2999-12-31', '2020-02-30'],
  chargeAmount: [0, -0.01, FAST_PATH_LIMITS.charge, FAST_PATH_LIMITS.charge + 1],
  infusionMinutes: [0, FAST_PATH_LIMITS.minutes, FAST_PATH_LIMITS.minutes + 1, 30.5],
  performedBy: ['RN', 'rn', 'nurse'],
  drug: [{ ndc: '' }, { ndc: text(20) }, { ndc: text(21) }, { ndc: '00338004938', quantity: -1 }, { ndc: '1', unit: 'UNX' }, { ndc: '1', extra: 1 }, 'x'],
  description: [text(80), text(81)],
  ndc: [text(20), text(21), ''],
  quantity: [0, FAST_PATH_LIMITS.units, FAST_PATH_LIMITS.units + 1],
  unit: ['UN', 'UNX'],
  medicalNecessity: [true, 'yes'],
  therapyType: [text(200), text(201)],
  medications: [Array(50).fill('m'), Array(51).fill('m'), [text(200)], [text(201)], [1]],
  supplies: [Array(50).fill('s'), Array(51).fill('s')],
  suiteTimeIn: ['2020-01-01T09:30:00Z', '2020-01-01T09:30:00', '2020-01-01T09:30:00-04:00'],
  attachments: [
    [{ reportType: 'CT', transmission: 'FX' }],
    [{ reportType: 'ct', transmission: 'FX' }],
    [{ reportType: 'CT', transmission: 'F1' }],
    [{ reportType: 'CT', transmission: 'FX', controlNumber: text(81) }],
    Array(10).fill({ reportType: 'OZ', transmission: 'EL' }),
    Array(11).fill({ reportType: 'OZ', transmission: 'EL' }),
  ],
  reportType: ['03', 'C'],
  transmission: ['BM', 'bm'],
  controlNumber: [text(80), text(81)],
};

/** One random change to a claim (in place). */
function mutate(r: Random, claim: Json): void {
  const targets = objectsOf(claim);
  const { object } = pick(r, targets);
  const keys = Object.keys(object);
  const roll = r();
  if (roll < 0.15 && keys.length > 0) {
    delete object[pick(r, keys)];
  } else if (roll < 0.3) {
    object[pick(r, ['extra', 'notes', '__proto__x', 'toJSONx'])] = pick(r, JUNK);
  } else if (roll < 0.5 && keys.length > 0) {
    object[pick(r, keys)] = pick(r, JUNK);
  } else {
    const field = pick(r, [...keys, ...Object.keys(FIELD_VALUES)]);
    const values = FIELD_VALUES[field];
    if (values) object[field] = clone(pick(r, values));
  }
}

/** `count` claims made from `valid` by 1-3 random changes each: most break the contract, some stay valid. */
export function mutatedClaims(valid: readonly ClaimInput[], count: number, seed: number): unknown[] {
  const r = mulberry32(seed);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const claim = clone(pick(r, valid)) as unknown as Json;
    const changes = 1 + Math.floor(r() * 3);
    for (let c = 0; c < changes; c++) mutate(r, claim);
    out.push(claim);
  }
  return out;
}

/** Fixed edge cases on one valid claim: every field value above at every place it fits, and whole-claim oddities. */
export function edgeCaseClaims(base: ClaimInput): unknown[] {
  const out: unknown[] = [null, undefined, 42, 'claim', [], [base], new Map(), Object.create(null) as unknown];
  const b = everyField(base);
  out.push(clone(b));
  for (const [field, values] of Object.entries(FIELD_VALUES)) {
    for (const value of values) {
      for (let t = 0; t < objectsOf(b).length; t++) {
        const claim = clone(b);
        const target = objectsOf(claim)[t];
        if (target && (field in target.object || t === 0)) {
          target.object[field] = clone(value);
          out.push(claim);
        }
      }
    }
  }
  const lines = b.lines as Json[];
  const first = lines[0] as Json;
  const many = (n: number): Json[] => Array.from({ length: n }, (_, i) => ({ ...clone(first), lineNumber: i + 1 }));
  out.push({ ...clone(b), lines: many(50) }, { ...clone(b), lines: many(51) }, { ...clone(b), lines: [] });
  out.push({ ...clone(b), lines: [clone(first), clone(first)] });
  out.push({ ...clone(b), lines: [{ ...clone(first), serviceDate: '2020-03-02', serviceDateEnd: '2020-03-01' }] });
  out.push({ ...clone(b), lines: [{ ...clone(first), serviceDate: '2020-03-02', serviceDateEnd: '2020-03-02' }] });
  out.push({ ...clone(b), placeOfService: undefined }, { ...clone(b), lines: [{ ...clone(first), modifiers: undefined }] });
  out.push({ ...clone(b), renderingProvider: {} }, { ...clone(b), documentation: {} }, { ...clone(b), documentation: null });
  out.push(Object.assign(Object.create(null) as Json, clone(b)));
  out.push(Object.assign(Object.create({ extra: 1 }) as Json, clone(b)));
  class Claimish {}
  out.push(Object.assign(new Claimish(), clone(b)));
  // The JSON size bound: unknown fields just under, at and over it, and a known field's escapes.
  const size = JSON.stringify(b).length;
  for (const extra of [199_000, 200_000 - size - 11, 200_000 - size - 10, 200_000 - size - 9, 250_000]) out.push({ ...clone(b), notes: text(Math.max(0, extra)) });
  out.push({ ...clone(b), patient: { ...(clone(b.patient) as Json), firstName: '\u0001'.repeat(60) } });
  return out;
}

/** The claim with every optional field of the contract given, so each edge case has a place to go. */
function everyField(base: ClaimInput): Json {
  const b = clone(base) as unknown as Json;
  const lines = b.lines as Json[];
  const first = lines[0] as Json;
  Object.assign(b, { use: 'claim', submittedAt: '2020-03-02T09:30:00Z', placeOfService: '12', diagnosisCodes: ['A41.9', 'Z45.2'] });
  Object.assign(b.payer as Json, { name: 'Payer' });
  Object.assign(b.patient as Json, { firstName: 'Ann', lastName: 'Lee', birthDate: '1950-01-31' });
  Object.assign(b.billingProvider as Json, { name: 'Home Infusion' });
  b.renderingProvider = { npi: GOOD_NPI, credential: 'RN' };
  Object.assign(first, {
    modifiers: ['SS'],
    serviceDateEnd: '2999-01-01',
    chargeAmount: 12.5,
    infusionMinutes: 60,
    performedBy: 'RN',
    placeOfService: '12',
    drug: { ndc: '00338004938', quantity: 2, unit: 'UN' },
    description: 'note',
  });
  b.documentation = {
    medicalNecessity: true,
    suiteRationale: false,
    therapyType: 'antibiotic',
    infusionMinutes: 45,
    medications: ['vancomycin'],
    supplies: ['tubing'],
    suiteTimeIn: '2020-03-02T09:30:00Z',
    suiteTimeOut: '2020-03-02T11:30:00-05:00',
    attachments: [{ reportType: 'CT', transmission: 'FX', controlNumber: 'A1' }],
  };
  return b;
}

export interface EqualityReport {
  compared: number;
  /** Inputs valid for zod, and of those how many the fast path answered itself. */
  valid: number;
  fastAccepted: number;
  mismatches: { index: number; fast: ValidationOutcome; zod: ValidationOutcome }[];
}

/**
 * `validateClaim` (fast path, then zod) against zod alone on every input: outcomes deep-equal (claims
 * and error lists, key order included), and the fast path never accepting what zod rejects.
 */
export function compareValidation(inputs: readonly unknown[]): EqualityReport {
  const report: EqualityReport = { compared: inputs.length, valid: 0, fastAccepted: 0, mismatches: [] };
  inputs.forEach((input, index) => {
    const zod = validateClaimWithZod(input);
    const fast = validateClaim(input);
    const accepted = fastClaim(input) !== undefined;
    if (zod.ok) report.valid++;
    if (accepted && zod.ok) report.fastAccepted++;
    const same = isDeepStrictEqual(fast, zod) && JSON.stringify(fast) === JSON.stringify(zod);
    if (!same && report.mismatches.length < 20) report.mismatches.push({ index, fast, zod });
  });
  return report;
}
