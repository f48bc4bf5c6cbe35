import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitClaimsDocument } from '../../shared/formats/json/split-claims-document.ts';

const first = readFileSync('examples/01-clean-suite-visit.json', 'utf8');
const third = readFileSync('examples/03-medicare-suite-visit.json', 'utf8');

describe('claims back to back (cat a.json b.json)', () => {
  it('two pretty-printed claims are two claims, each with the line it starts on', () => {
    const items = splitClaimsDocument(`${first}${third}`);
    expect(items.map((item) => [item.index, item.line, (item.value as { claimId: string }).claimId, item.parseError])).toEqual([
      [0, 1, 'HI-2020-0001', undefined],
      [1, first.split('\n').length, 'HI-2020-0003', undefined],
    ]);
  });

  it('a string holding braces or an escaped quote does not cut a claim in two', () => {
    const tricky = JSON.stringify({ claimId: 'X-1', note: 'a } and a \\" and { in text' }, null, 2);
    expect(splitClaimsDocument(`${tricky}\n${tricky}`).map((item) => item.parseError)).toEqual([undefined, undefined]);
  });

  it('NDJSON with a broken line still names that line, as before', () => {
    const items = splitClaimsDocument('{"claimId":"A"}\n{"claimId": "B",\n{"claimId":"C"}\n');
    expect(items.map((item) => item.parseError ?? 'ok')).toEqual(['ok', expect.stringMatching(/^line 2 is not valid JSON/), 'ok']);
  });

  it('a pretty-printed claim cut short is not read as claims', () => {
    const items = splitClaimsDocument(`${first}${third.slice(0, 200)}`);
    expect(items.some((item) => item.parseError !== undefined)).toBe(true);
  });
});
