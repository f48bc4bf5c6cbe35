import { describe, expect, it } from 'vitest';
import { PAYER_TYPES } from '../../shared/claim/contract.ts';
import { loadBundledPayerPolicy } from '../../shared/files/payer-policy-files.ts';
import { PAYER_SETTING_DEFAULTS, parsePayerPolicy, payerSettings, PayerPolicyError, type PayerRecord } from '../../shared/payers/payer-policy.ts';
import { claim } from '../support/claims.ts';

const base = { id: 'PLAN', name: 'Test Plan', type: 'commercial', acceptsSS: true } as const;

function parseOne(fields: Record<string, unknown>): PayerRecord | undefined {
  return parsePayerPolicy({ version: 't', payers: [{ ...base, ...fields }] }, 'policy.json').payer('PLAN');
}

/** The message parsePayerPolicy throws for a record with these fields, or undefined when it parses. */
function problem(fields: Record<string, unknown>): string | undefined {
  try {
    parseOne(fields);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(PayerPolicyError);
    return (error as Error).message;
  }
}

describe('payer billing settings in the policy file', () => {
  const valid: Array<[string, Record<string, unknown>]> = [
    ['none of them (all optional)', {}],
    ['per-diem day basis, calendar days', { perDiemDayBasis: 'calendar_days' }],
    ['per-diem day basis, therapy days', { perDiemDayBasis: 'therapy_days' }],
    ['per-diem line span, one line per day', { perDiemLineSpan: 'one_line_per_day' }],
    ['per-diem line span, span allowed', { perDiemLineSpan: 'span_allowed' }],
    ['concurrent modifiers SH, SJ', { concurrentModifiers: ['SH', 'SJ'] }],
    ['concurrent modifiers with 59 on every concurrent therapy', { concurrentModifiers: ['SH', 'SJ', '59'] }],
    ['suite POS 49', { suitePos: ['49'] }],
    ['suite POS 49 and 11', { suitePos: ['49', '11'] }],
    ['every boolean true', { ndcRequired: true, lpnNursingAllowed: true, followsNcci: true }],
    ['every boolean false', { ndcRequired: false, lpnNursingAllowed: false, followsNcci: false }],
  ];

  it.each(valid)('accepts %s, read back as given', (_name, fields) => {
    expect(parseOne(fields)).toEqual({ ...base, ...fields });
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown day basis', { perDiemDayBasis: 'access-day' }, /payers\[0\]\.perDiemDayBasis: .*"calendar_days"\|"therapy_days"/],
    ['an unknown line span', { perDiemLineSpan: 'calendar-month' }, /payers\[0\]\.perDiemLineSpan: .*"one_line_per_day"\|"span_allowed"/],
    ['a lowercase modifier', { concurrentModifiers: ['sh', 'SJ'] }, /payers\[0\]\.concurrentModifiers\[0\]: must be a modifier of 2 uppercase letters or digits/],
    ['a 3-character modifier', { concurrentModifiers: ['SH', 'SJX'] }, /payers\[0\]\.concurrentModifiers\[1\]: must be a modifier of 2 uppercase letters or digits/],
    ['a modifier with a hyphen', { concurrentModifiers: ['SH', '-J'] }, /concurrentModifiers\[1\]: must be a modifier/],
    ['one concurrent modifier only', { concurrentModifiers: ['SH'] }, /payers\[0\]\.concurrentModifiers: must name at least 2 modifiers/],
    ['a repeated concurrent modifier', { concurrentModifiers: ['SH', 'SH'] }, /payers\[0\]\.concurrentModifiers\[1\]: repeats SH/],
    ['concurrent modifiers as a string', { concurrentModifiers: 'SH/SJ' }, /payers\[0\]\.concurrentModifiers: .*expected array/],
    ['a 1-digit suite POS', { suitePos: ['4'] }, /payers\[0\]\.suitePos\[0\]: must be a place-of-service code of 2 digits/],
    ['a 3-digit suite POS', { suitePos: ['049'] }, /payers\[0\]\.suitePos\[0\]: must be a place-of-service code of 2 digits/],
    ['a suite POS as a number', { suitePos: [49] }, /payers\[0\]\.suitePos\[0\]: .*expected string/],
    ['no suite POS', { suitePos: [] }, /payers\[0\]\.suitePos: must name at least 1 place-of-service code/],
    ['a repeated suite POS', { suitePos: ['49', '11', '49'] }, /payers\[0\]\.suitePos\[2\]: repeats 49/],
    ['ndcRequired as text', { ndcRequired: 'yes' }, /payers\[0\]\.ndcRequired: .*expected boolean/],
    ['lpnNursingAllowed as a number', { lpnNursingAllowed: 1 }, /payers\[0\]\.lpnNursingAllowed: .*expected boolean/],
    ['followsNcci as null', { followsNcci: null }, /payers\[0\]\.followsNcci: .*expected boolean/],
  ];

  it.each(invalid)('rejects %s, naming the field', (_name, fields, message) => {
    const thrown = problem(fields);
    expect(thrown).toMatch(/^policy\.json is not a valid payer policy:/);
    expect(thrown).toMatch(message);
  });

  it('names every bad setting of a record at once', () => {
    const thrown = problem({ suitePos: ['4'], concurrentModifiers: ['sh', 'SJ'], followsNcci: 'no' }) ?? '';
    expect(thrown.split('\n').filter((l) => l.startsWith('  payers[0].'))).toHaveLength(3);
  });
});

describe('payerSettings', () => {
  it('applies the defaults to a record that sets nothing', () => {
    expect(payerSettings({ type: 'commercial' })).toEqual({
      perDiemDayBasis: 'calendar_days',
      perDiemLineSpan: 'span_allowed',
      concurrentModifiers: ['SH', 'SJ'],
      suitePos: ['49'],
      ndcRequired: false,
      lpnNursingAllowed: true,
      followsNcci: false,
    });
  });

  it.each([
    ['medicare', false, true],
    ['medicare_advantage', false, false],
    ['medicaid', true, true],
    ['commercial', false, false],
    ['other', false, false],
  ] as const)('defaults a %s payer to ndcRequired %s and followsNcci %s', (type, ndcRequired, followsNcci) => {
    expect(payerSettings({ type })).toMatchObject({ ndcRequired, followsNcci });
  });

  it('covers every payer type in the type-dependent defaults table', () => {
    for (const type of [...PAYER_SETTING_DEFAULTS.ndcRequiredFor, ...PAYER_SETTING_DEFAULTS.followsNcciFor]) expect(PAYER_TYPES).toContain(type);
    expect(PAYER_TYPES).toHaveLength(5);
  });

  it('keeps what the record sets, false included, over the defaults', () => {
    const record = parseOne({
      type: 'medicaid',
      perDiemDayBasis: 'therapy_days',
      perDiemLineSpan: 'one_line_per_day',
      concurrentModifiers: ['SH', 'SJ', '59'],
      suitePos: ['11'],
      ndcRequired: false,
      lpnNursingAllowed: false,
      followsNcci: false,
    });
    expect(payerSettings(record!)).toEqual({
      perDiemDayBasis: 'therapy_days',
      perDiemLineSpan: 'one_line_per_day',
      concurrentModifiers: ['SH', 'SJ', '59'],
      suitePos: ['11'],
      ndcRequired: false,
      lpnNursingAllowed: false,
      followsNcci: false,
    });
    expect(payerSettings({ type: 'commercial', ndcRequired: true, followsNcci: true })).toMatchObject({ ndcRequired: true, followsNcci: true });
  });

  it('takes a claim\'s payer when there is no record: the defaults of its type', () => {
    const { payer } = claim({ payer: { id: 'MEDICARE-B', type: 'medicare' } });
    expect(payerSettings(payer)).toMatchObject({ followsNcci: true, ndcRequired: false });
    expect(payerSettings(claim({ payer: { id: 'ACME', type: 'medicaid' } }).payer)).toMatchObject({ followsNcci: true, ndcRequired: true });
  });
});

describe('the bundled payer policy', () => {
  const policy = loadBundledPayerPolicy();

  it('still parses, under a version that names the settings', () => {
    expect(policy.version).toBe('2026.12c-examples');
    expect(policy.records().length).toBeGreaterThan(0);
  });

  it('sets the settings only where its example payers are meant to differ', () => {
    const settings = Object.fromEntries(policy.records().map((p) => [p.id, payerSettings(p)]));
    expect(settings['BVPPO']?.perDiemDayBasis).toBe('therapy_days');
    expect(settings['NWHP']?.perDiemDayBasis).toBe('calendar_days');
    expect(settings['STMCD']).toMatchObject({ ndcRequired: true, followsNcci: true });
    expect(settings['SUMMA']).toMatchObject({ ndcRequired: false, followsNcci: true });
    expect(settings['TRICARE']).toMatchObject({ ndcRequired: false, followsNcci: false });
    expect(settings['GLBLUE']?.lpnNursingAllowed).toBe(false);
    expect(settings['PALMCO']).toMatchObject({ ndcRequired: true, followsNcci: false });
    expect(settings['PIEDMT']).toMatchObject({ perDiemDayBasis: 'therapy_days', concurrentModifiers: ['SH', 'SJ', '59'] });
    expect(settings['CASCADE']).toMatchObject({ ndcRequired: false, followsNcci: true });
    // Every other example payer leaves the settings that are not its point to the defaults.
    const defaults = payerSettings({ type: 'commercial' });
    for (const id of ['NWHP', 'RIDGE', 'LSHMO']) expect(settings[id]).toEqual(defaults);
  });
});
