import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openClaimsFile, UnreadableInputError, type ClaimItem } from '../../shared/formats/index.ts';
import { readClaims } from './read-file.ts';

// Slow by design (hundreds of MiB go through the reader), hence the integration tier.
const FIRST = JSON.parse(readFileSync('examples/01-clean-suite-visit.json', 'utf8')) as Record<string, unknown>;
const claim = (n: number) => ({ ...FIRST, claimId: `HI-STREAM-${n}` });

describe('JSON larger than a whole document may be', () => {
  it('reads NDJSON larger than the 512 MiB a JavaScript string can hold, one claim at a time', async () => {
    // 1 MiB lines: 520 of them pass the V8 string limit that reading the file whole ran into.
    const line = Buffer.from(`${JSON.stringify({ ...claim(1), padding: 'x'.repeat(2 ** 20 - 1_500) })}\n`);
    async function* huge(): AsyncGenerator<Buffer> {
      for (let n = 0; n < 520; n++) for (let i = 0; i < line.length; i += 65_536) yield line.subarray(i, i + 65_536);
    }
    const file = await openClaimsFile(huge());
    let read = 0;
    for await (const item of file.items) if (item.kind === 'claim') read++;
    expect(read).toBe(520);
    expect(file.counts.claimsRead).toBe(520);
  }, 60_000);

  it('a first value larger than any whole document may be is unreadable with a clear message, not a crash', async () => {
    async function* bigBundle(): AsyncGenerator<string> {
      yield '{"resourceType":"Bundle","type":"collection","entry":[';
      const entry = JSON.stringify({ resource: { resourceType: 'Patient', id: 'p', text: 'x'.repeat(2 ** 20) } });
      for (let n = 0; n < 66; n++) yield `${n === 0 ? '' : ','}${entry}`;
      yield ']}';
    }
    await expect(openClaimsFile(bigBundle())).rejects.toThrow(
      new UnreadableInputError(
        "line 1 is larger than 64 MiB, the most one claim or resource may take, and it is the file's first value, so nothing of the file can be read: " +
          'send claims as NDJSON or a JSON array, and FHIR resources as NDJSON (bulk export) or in smaller Bundles',
      ),
    );
  }, 60_000);

  it('a later NDJSON line that large is one rejected claim; the claims around it are read', async () => {
    async function* withHugeLine(): AsyncGenerator<string> {
      yield `${JSON.stringify(claim(1))}\n{"claimId":"HUGE","padding":"`;
      for (let n = 0; n < 65; n++) yield 'x'.repeat(2 ** 20);
      yield `"}\n${JSON.stringify(claim(3))}\n`;
    }
    const { items } = await readClaims(withHugeLine());
    expect(items.map((i) => (i.kind === 'claim' ? (i as ClaimItem).claimId : i.errors[0]?.message))).toEqual([
      'HI-STREAM-1',
      'line 2 is larger than 64 MiB, the most one claim or resource may take',
      'HI-STREAM-3',
    ]);
  }, 60_000);
});
