import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describePosition, escapeControls, terminalSafeJson } from '../../shared/formats/index.ts';
import type { RejectedItem } from '../../shared/formats/index.ts';
import { readClaims } from './read-file.ts';

const ESCAPES = '\u001b[31m\u001b]0;title\u0007\r\u009b';
const SHOWN = '\\u001b[31m\\u001b]0;title\\u0007\\u000d\\u009b';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('escapeControls', () => {
  it('writes every C0 and C1 control, DEL, and bidi and line-separator characters as visible escapes, and leaves the rest', () => {
    expect(escapeControls(`A${ESCAPES}\u007f\n\t\u2028\u202e\u2066Z José 北京`)).toBe(`A${SHOWN}\\u007f\\u000a\\u0009\\u2028\\u202e\\u2066Z José 北京`);
    expect(escapeControls(escapeControls(ESCAPES))).toBe(SHOWN);
  });

  it('terminalSafeJson keeps the JSON value and escapes what JSON.stringify leaves raw', () => {
    const value = { id: `X${ESCAPES}\u2028` };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('JSON and FHIR reader messages never carry control characters from the file', () => {
  it('an NDJSON line that is not JSON: JSON.parse quotes the line, the message escapes it', async () => {
    const { items } = await readClaims(`{"claimId":"A"}\n{"claimId":tru${ESCAPES}}\n`);
    const message = (items[1] as RejectedItem).errors[0]?.message ?? '';
    expect(message).toMatch(/^line 2 is not valid JSON: /);
    expect(message).toContain('\\u001b');
    expect(message).not.toMatch(RAW_CONTROL);
  });

  it('a JSON array element that is not JSON', async () => {
    const { items } = await readClaims(`[{"claimId":"A"}, {"claimId":tru${ESCAPES}}]`);
    expect((items[1] as RejectedItem).errors[0]?.message).not.toMatch(RAW_CONTROL);
  });

  it('a FHIR rejection quoting a value, and the position naming the Claim id', async () => {
    const claim = JSON.parse(readFileSync('test/fixtures/fhir/claim-suite-commercial.json', 'utf8')) as Record<string, unknown>;
    const coverage = (claim.contained as Record<string, unknown>[])[1]!;
    coverage.extension = [{ url: 'urn:claim-scrubber:fhir:payer-type', valueCode: `medi${ESCAPES}` }];
    claim.id = `c${ESCAPES}`;
    const { items } = await readClaims(JSON.stringify(claim));
    const rejected = items[0] as RejectedItem;
    expect(rejected.errors).toContainEqual({ path: 'Claim.contained[1].extension', message: `urn:claim-scrubber:fhir:payer-type "medi${SHOWN}" is not a payer type (medicare, medicare_advantage, medicaid, commercial, other)` });
    expect(describePosition(rejected.position)).toBe(`FHIR Claim (Claim/c${SHOWN})`);
  });
});
