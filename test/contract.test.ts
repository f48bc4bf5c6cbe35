import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIM_BOUNDS } from '../shared/claim/contract.ts';
import { validateClaim } from '../shared/claim/validate.ts';
import { renderClaimJsonSchema } from '../shared/claim/json-schema.ts';
import { isValidNpi, npiCheckDigit } from '../shared/claim/npi.ts';
import { CLAIM_SCHEMA_PATH } from '../scripts/write-claim-schema.ts';
import { claimInput, line } from './support/claims.ts';

function errorsOf(input: unknown): Record<string, string> {
  const outcome = validateClaim(input);
  if (outcome.ok) return {};
  return Object.fromEntries(outcome.errors.map((e) => [e.path, e.message]));
}

describe('NPI check digit', () => {
  it.each(['1234567893', '1245319599', '1003000126'])('%s is valid', (npi) => expect(isValidNpi(npi)).toBe(true));
  it.each(['1234567890', '123456789', '12345678931', 'abcdefghij', '123456789\n', '１２３４５６７８９３', '12345678/3', '1234567:93'])('%s is not', (npi) => expect(isValidNpi(npi)).toBe(false));

  it('decides as its definition does (ten digits, the last the check digit of the nine before) on every check digit and many payloads', () => {
    const byDefinition = (npi: string) => /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
    let valid = 0;
    let seed = 7;
    for (let n = 0; n < 20_000; n++) {
      seed = (seed * 48271) % 2147483647;
      const payload = String(seed % 1_000_000_000).padStart(9, '0');
      for (const last of '0123456789/:a') {
        const npi = payload + last;
        expect(isValidNpi(npi), npi).toBe(byDefinition(npi));
        if (byDefinition(npi)) valid++;
      }
    }
    expect(valid).toBe(20_000);
  });
});

describe('claim event contract v1', () => {
  it('accepts the smallest valid claim and upper-cases codes', () => {
    const outcome = validateClaim({
      claimId: 'C.1_a-b',
      payer: { id: 'P', type: 'other' },
      patient: { memberId: 'M' },
      billingProvider: { npi: '1234567893' },
      lines: [{ lineNumber: 1, procedureCode: 's9500', modifiers: ['ss'], units: 1, serviceDate: '2020-01-01' }],
    });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.claim.lines[0]).toMatchObject({ procedureCode: 'S9500', modifiers: ['SS'] });
  });

  it('names every required field that is missing', () => {
    expect(errorsOf({})).toEqual({
      claimId: 'is required',
      payer: 'is required',
      patient: 'is required',
      billingProvider: 'is required',
      lines: 'is required',
    });
  });

  it('checks field formats with paths', () => {
    const errors = errorsOf({
      ...claimInput(),
      claimId: 'x'.repeat(65),
      submittedAt: 'yesterday',
      payer: { id: 'P', type: 'medicaid-ffs' },
      placeOfService: '9',
      diagnosisCodes: ['A41.9', '12345'],
      renderingProvider: { npi: '1234567890' },
      lines: [line(0, 'S9500', { modifiers: ['SSS'], units: -1, serviceDate: '03/02/2020', chargeAmount: -5, infusionMinutes: 1.5, performedBy: 'CNA' as 'RN' })],
      documentation: { infusionMinutes: -1, suiteTimeIn: '09:00' },
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        'claimId',
        'submittedAt',
        'payer.type',
        'placeOfService',
        'diagnosisCodes[1]',
        'renderingProvider.npi',
        'lines[0].lineNumber',
        'lines[0].modifiers[0]',
        'lines[0].units',
        'lines[0].serviceDate',
        'lines[0].chargeAmount',
        'lines[0].infusionMinutes',
        'lines[0].performedBy',
        'documentation.infusionMinutes',
        'documentation.suiteTimeIn',
      ].sort(),
    );
    expect(errors['renderingProvider.npi']).toBe('fails the NPI check digit');
  });

  it('limits a claim to 1-50 lines with unique line numbers', () => {
    expect(errorsOf(claimInput({ lines: [] }))).toEqual({ lines: 'must hold at least 1 line' });
    const many = Array.from({ length: 51 }, (_, i) => line(i + 1, 'S9500'));
    expect(errorsOf(claimInput({ lines: many }))).toEqual({ lines: 'may hold at most 50 lines' });
    expect(errorsOf(claimInput({ lines: [line(2, 'S9500'), line(2, '99601')] }))).toEqual({ 'lines[1].lineNumber': 'duplicates line number 2' });
  });

  it('rejects impossible calendar dates', () => {
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500', { serviceDate: '2021-02-29' })] }))).toEqual({ 'lines[0].serviceDate': 'must be a real calendar date' });
  });

  it('the committed JSON Schema is current (npm run schema regenerates it)', () => {
    expect(readFileSync(CLAIM_SCHEMA_PATH, 'utf8')).toBe(renderClaimJsonSchema());
    const schema = JSON.parse(renderClaimJsonSchema()) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['claimId', 'payer', 'patient', 'billingProvider', 'lines']);
    expect(Object.keys(schema.properties)).toContain('documentation');
    const lineProperties = (schema.properties.lines as { items: { properties: Record<string, unknown> } }).items.properties;
    expect(Object.keys(lineProperties)).toEqual(expect.arrayContaining(['serviceDateEnd', 'drug', 'description']));
  });
});

describe('claim event contract v1.1', () => {
  it.each(['PCN 00042', 'ACCT#1234/7', 'urn:uuid:2f1d0c2e-7a1b', 'A'.repeat(64)])('takes the claim id %s as X12 and FHIR send it', (claimId) => {
    expect(errorsOf(claimInput({ claimId }))).toEqual({});
  });

  it.each([' PCN', 'PCN ', 'A'.repeat(65), 'tab\there', 'é-accent', ''])('refuses the claim id %j', (claimId) => {
    expect(Object.keys(errorsOf(claimInput({ claimId })))).toEqual(['claimId']);
  });

  it('carries a line place of service beside the claim one', () => {
    const outcome = validateClaim(claimInput({ placeOfService: '12', lines: [line(1, 'S9500', { modifiers: ['SS'], placeOfService: '49' }), line(2, '99601')] }));
    expect(outcome.ok && outcome.claim.lines.map((l) => l.placeOfService)).toEqual(['49', undefined]);
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500', { placeOfService: 'home' })] }))).toEqual({ 'lines[0].placeOfService': 'must be 2 digits' });
  });

  it('rejects a preauthorization or predetermination request with a reason, and takes use "claim"', () => {
    expect(errorsOf(claimInput({ use: 'claim' }))).toEqual({});
    expect(errorsOf(claimInput({ use: 'preauthorization' }))).toEqual({ use: 'is "preauthorization": a preauthorization request asks the payer before the service and is not scrubbed as a claim' });
    expect(Object.keys(errorsOf({ ...claimInput(), use: 'quote' }))).toEqual(['use']);
  });

  it('carries attachments (837P PWK) in the documentation', () => {
    const documentation = { attachments: [{ reportType: 'CT', transmission: 'FX', controlNumber: 'ATT-7' }] };
    expect(errorsOf(claimInput({ documentation }))).toEqual({});
    expect(Object.keys(errorsOf(claimInput({ documentation: { attachments: [{ reportType: 'CERT', transmission: 'FX' }] } })))).toEqual(['documentation.attachments[0].reportType']);
  });
});

describe('claim event contract v1.2', () => {
  it('carries a dated range to its last day, and refuses an end before the start where it lies', () => {
    const outcome = validateClaim(claimInput({ lines: [line(1, 'S9500', { units: 7, serviceDate: '2020-03-01', serviceDateEnd: '2020-03-07' })] }));
    expect(outcome.ok && outcome.claim.lines[0]).toMatchObject({ serviceDate: '2020-03-01', serviceDateEnd: '2020-03-07' });
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500', { serviceDate: '2020-03-02', serviceDateEnd: '2020-03-02' })] }))).toEqual({});
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500'), line(2, 'S9500', { serviceDate: '2020-03-07', serviceDateEnd: '2020-03-01' })] }))).toEqual({
      'lines[1].serviceDateEnd': 'is before the service date 2020-03-07',
    });
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500', { serviceDateEnd: '2020-02-30' })] }))).toEqual({ 'lines[0].serviceDateEnd': 'must be a real calendar date' });
    // A malformed start has its own error; the order of the two dates is not judged on it.
    expect(Object.keys(errorsOf(claimInput({ lines: [line(1, 'S9500', { serviceDate: '03/07/2020', serviceDateEnd: '2020-03-01' })] })))).toEqual(['lines[0].serviceDate']);
  });

  it('carries a line drug by NDC with its quantity and unit, and leaves the NDC format to the rules', () => {
    const drug = { ndc: '00409733201', quantity: 2, unit: 'UN' };
    const outcome = validateClaim(claimInput({ lines: [line(1, 'J3490', { drug, description: 'Sod Chl 0.9% see NDC#' })] }));
    expect(outcome.ok && outcome.claim.lines[0]).toMatchObject({ procedureCode: 'J3490', drug, description: 'Sod Chl 0.9% see NDC#' });
    expect(errorsOf(claimInput({ lines: [line(1, 'J3490', { drug: { ndc: '0409-7332-1' } })] }))).toEqual({});
    expect(errorsOf(claimInput({ lines: [line(1, 'J3490', { drug: { ndc: '', quantity: -1, unit: 'UNIT' } })] }))).toEqual({
      'lines[0].drug.ndc': 'is required',
      'lines[0].drug.quantity': 'must not be negative',
      'lines[0].drug.unit': 'must be at most 2 characters',
    });
    expect(errorsOf(claimInput({ lines: [line(1, 'J3490', { drug: { ndc: '1'.repeat(21), quantity: 1e308 }, description: 'd'.repeat(81) })] }))).toEqual({
      'lines[0].drug.ndc': 'must be at most 20 characters',
      'lines[0].drug.quantity': 'must be at most 99,999',
      'lines[0].description': 'must be at most 80 characters',
    });
  });
});

describe('claim event contract bounds', () => {
  it('refuses units no infusion reaches, e.g. 1e308, and minutes past a day', () => {
    expect(errorsOf(claimInput({ lines: [line(1, 'S9500', { units: 1e308 })] }))).toEqual({ 'lines[0].units': 'must be at most 99,999' });
    expect(errorsOf(claimInput({ lines: [line(1, '99601', { infusionMinutes: 100_000 })] }))).toEqual({ 'lines[0].infusionMinutes': 'must be at most 1,440 (one day)' });
  });

  it('bounds what can grow: modifiers, diagnoses, text and lists', () => {
    const errors = errorsOf(
      claimInput({
        diagnosisCodes: Array.from({ length: 26 }, () => 'A41.9'),
        lines: [line(1, 'S9500', { modifiers: Array.from({ length: 11 }, () => 'SS') })],
        documentation: { therapyType: 'x'.repeat(201), medications: Array.from({ length: 51 }, () => 'saline') },
      }),
    );
    expect(errors).toEqual({
      diagnosisCodes: 'may hold at most 25 diagnosis codes',
      'lines[0].modifiers': 'may hold at most 10 modifiers',
      'documentation.therapyType': 'must be at most 200 characters',
      'documentation.medications': 'may hold at most 50 entries',
    });
  });

  it('bounds the whole claim, fields it does not know included, so no claim outgrows a queue message', () => {
    const biggestLegal = claimInput({
      diagnosisCodes: Array.from({ length: 25 }, () => 'A41.9'),
      lines: Array.from({ length: 50 }, (_, i) => line(i + 1, 'S9500', { modifiers: Array.from({ length: 10 }, () => 'SS') })),
      documentation: { therapyType: 'x'.repeat(200), medications: Array.from({ length: 50 }, () => 'm'.repeat(200)), supplies: Array.from({ length: 50 }, () => 's'.repeat(200)) },
    });
    expect(validateClaim(biggestLegal).ok).toBe(true);
    expect(JSON.stringify(biggestLegal).length).toBeLessThan(CLAIM_BOUNDS.jsonCharacters / 2);
    expect(errorsOf({ ...claimInput(), exportNotes: 'n'.repeat(300_000) })).toEqual({ '': expect.stringMatching(/^is 30\d,\d{3} characters as JSON: a claim may be at most 200,000$/) });
  });
});

describe('a preauthorization request with other errors', () => {
  it('lists its use with every other field error in one rejection', () => {
    expect(errorsOf({ ...claimInput({ use: 'preauthorization' }), billingProvider: { npi: '1234567890' } })).toEqual({
      use: 'is "preauthorization": a preauthorization request asks the payer before the service and is not scrubbed as a claim',
      'billingProvider.npi': 'fails the NPI check digit',
    });
  });
});
