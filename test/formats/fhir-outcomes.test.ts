import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import { scrubData } from '../support/scrub-data.ts';
import { FHIR_OUTCOMES, type FhirOutcome } from './fhir-outcomes.ts';
import { readClaims } from './read-file.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const files = [...new Set(FHIR_OUTCOMES.map((outcome) => outcome.file))];

describe('what the scrubber says of every FHIR test file', () => {
  it.each(files)('%s', async (file) => {
    const { items } = await readClaims(readFileSync(join(FIXTURES, file), 'utf8'));
    const outcomes = items.map((item): FhirOutcome => {
      const result = scrubIntakeItem(item, scrubData());
      const ruleIds = result.findings.map((f) => `${f.ruleId}${f.lineNumber === undefined ? '' : `@${f.lineNumber}`}`);
      return { file, claimId: result.claimId, status: result.status, ruleIds };
    });
    expect(outcomes).toEqual(FHIR_OUTCOMES.filter((outcome) => outcome.file === file));
  });

  it('never raises a Medicare denial for a request that is not a claim', async () => {
    const { items } = await readClaims(readFileSync(join(FIXTURES, 'fhir', 'cms1500-prior-auth.json'), 'utf8'));
    const result = scrubIntakeItem(items[0]!, scrubData());
    expect(result).toMatchObject({ status: 'rejected', medicareDenialRisk: false });
    expect(result.findings[0]?.message).toContain('use: is "preauthorization": a preauthorization request asks the payer before the service and is not scrubbed as a claim');
  });
});
