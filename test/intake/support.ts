import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const X12_DIR = join(import.meta.dirname, '..', 'fixtures', 'x12');
export const FHIR_DIR = join(import.meta.dirname, '..', 'fixtures', 'fhir');

export const x12Path = (name: string) => join(X12_DIR, name);
export const fhirPath = (name: string) => join(FHIR_DIR, name);

/**
 * x12_home_infusion_claims.txt followed by a second interchange whose IEA02 does not match its ISA13:
 * the envelope error is found only after the first interchange's 5 claims and the second's 5 were read.
 */
export function brokenEnvelopeFile(idPrefix = 'HI-X12-'): string {
  const text = readFileSync(x12Path('x12_home_infusion_claims.txt'), 'latin1').replaceAll('HI-X12-', idPrefix);
  const second = text.replace('*000000101*0*T', '*000000102*0*T').replace('IEA*1*000000101', 'IEA*1*000000999').replaceAll(`${idPrefix}000`, `${idPrefix}100`);
  return text + second;
}

/** The fixture with its claim ids renamed, so a test can send "new" claims the scrubber has not seen. */
export function renamedClaims(name: string, idPrefix: string): string {
  return readFileSync(x12Path(name), 'latin1').replaceAll('HI-X12-', idPrefix);
}
