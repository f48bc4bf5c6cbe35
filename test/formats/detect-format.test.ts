import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../shared/formats/index.ts';
import { FHIR_FIXTURES, readClaims, X12_FIXTURES } from './read-file.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

describe('format detection by content', () => {
  it.each([
    [join(EXAMPLES, '01-clean-suite-visit.json'), 'json'],
    [join(EXAMPLES, '04-batch.ndjson'), 'json'],
    [join(X12_FIXTURES, 'x12_valid.txt'), 'x12'],
    [join(X12_FIXTURES, 'x12_valid_different_separators.txt'), 'x12'],
    // No ISA, but plainly X12: it is rejected for the missing ISA, not as bad JSON.
    [join(X12_FIXTURES, 'x12_no_isa_line.txt'), 'x12'],
    [join(FHIR_FIXTURES, 'claim-suite-commercial.json'), 'fhir'],
    [join(FHIR_FIXTURES, 'bundle-claims.json'), 'fhir'],
    [join(FHIR_FIXTURES, 'claims-bulk.ndjson'), 'fhir'],
  ])('%s is %s', (path, format) => {
    expect(detectFormat(readFileSync(path, 'utf8'))).toBe(format);
  });

  it('ignores a BOM and leading whitespace, and a JSON array of claims is the contract', () => {
    expect(detectFormat('\uFEFF  \n ISA*00*')).toBe('x12');
    expect(detectFormat('[{"claimId":"A"}]')).toBe('json');
    expect(detectFormat('[{"resourceType":"Claim"}]')).toBe('fhir');
    // A title above the ISA: X12 sent wrong, not bad JSON. JSON that mentions an ISA stays JSON.
    expect(detectFormat('837P batch\nISA*00*          *00*')).toBe('x12');
    expect(detectFormat('{"claimId":"A","note":"ISA*00*"}')).toBe('json');
  });

  it('--format forces a reading: contract JSON read as FHIR is rejected claim by claim, as X12 the file is unreadable', async () => {
    const text = readFileSync(join(EXAMPLES, '01-clean-suite-visit.json'), 'utf8');
    const asFhir = await readClaims(text, { format: 'fhir' });
    expect(asFhir.items[0]).toMatchObject({ kind: 'rejected', errors: [{ path: 'resourceType', message: 'is required: a FHIR Claim or Bundle' }] });
    await expect(readClaims(text, { format: 'x12' })).rejects.toThrow('X12 data must begin with an ISA interchange header');
  });
});
