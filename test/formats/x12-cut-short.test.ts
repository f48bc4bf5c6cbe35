import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePosition, openClaimsFile, UnreadableInputError, type RejectedItem } from '../../shared/formats/index.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';

const CLAIMS = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'), 'latin1');
const lines = CLAIMS.split('\n');
/** The file up to (not including) its 1-based line `n`. */
const upTo = (n: number) => lines.slice(0, n - 1).join('\n') + '\n';

async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'latin1');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Reads to the end; returns the claim ids handed out and the error that ended the reading. */
async function readUntilError(source: AsyncIterable<Buffer> | string): Promise<{ ids: string[]; error: UnreadableInputError }> {
  const ids: string[] = [];
  const file = await openClaimsFile(source);
  try {
    for await (const item of file.items) ids.push(item.claimId ?? '');
  } catch (error) {
    if (error instanceof UnreadableInputError) return { ids, error };
    throw error;
  }
  throw new Error('the file was read without an error');
}

describe('an 837P cut short says how many claims were read before the break', () => {
  // Line 63 is claim 3's CLM, line 69 its last DTP (segment 69 of the file: one segment a line); line 70 starts claim 4's subscriber.
  it('cut between two segments in the middle of claim 3', async () => {
    for (const size of [7, 4096]) {
      const { ids, error } = await readUntilError(chunked(upTo(69), size));
      expect(error.message).toBe(
        'the X12 file is cut short: the file ends in the middle of claim 3 (which starts at segment 63 of the file): 2 claims were read before the break; ' +
          'it ends inside transaction set ST02 0001: its SE segment is missing. Send the whole file again',
      );
      expect(error.claimsBefore).toBe(2);
      expect(ids).toEqual(['HI-X12-0001', 'HI-X12-0002']);
    }
  });

  it('cut inside a segment', async () => {
    const cut = upTo(69) + lines[68]!.slice(0, 9);
    const { ids, error } = await readUntilError(cut);
    expect(error.message).toBe(
      'the X12 file is cut short: the file ends in the middle of claim 3 (which starts at segment 63 of the file), in the middle of a segment: 2 claims were read before the break; ' +
        'it ends inside transaction set ST02 0001: its SE segment is missing. Send the whole file again',
    );
    expect(ids).toHaveLength(2);
  });

  it('cut after the last SE: every claim was read, the GE and IEA are missing', async () => {
    const { ids, error } = await readUntilError(upTo(102));
    expect(error.message).toBe(
      'the X12 file is cut short: the file ends after claim 5, before its envelopes close: 5 claims were read before the break; it ends inside functional group GS06 101: its GE segment is missing. Send the whole file again',
    );
    expect(error.claimsBefore).toBe(5);
    expect(ids).toHaveLength(5);
  });

  it('a run of more than 1 MiB with no segment terminator is refused at once, not held and split again at every chunk', async () => {
    const noTerminator = `${upTo(21)}NTE*ADD*${'A'.repeat(2 ** 21)}`;
    const { error } = await readUntilError(chunked(noTerminator, 65_536));
    expect(error.message).toMatch(/^the file holds more than 1 MiB without a segment terminator \("~", as its ISA declares\) before byte \d+: it is not X12, or its ISA names the wrong terminator$/);
  });
});

describe('X12 messages never carry control characters from the file', () => {
  const ESCAPES = '\u001b[31m\u001b]0;title\u0007\r\u009b';
  const SHOWN = '\\u001b[31m\\u001b]0;title\\u0007\\u000d\\u009b';
  // eslint-disable-next-line no-control-regex
  const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

  it('a rejection quoting an element escapes it', async () => {
    const { items } = await readClaims(CLAIMS.replace('SBR*P*18*GRP100******CI~', `SBR*P*18*GRP100******C${ESCAPES}~`));
    const rejected = items.find((i) => i.kind === 'rejected') as RejectedItem;
    expect(rejected.errors).toContainEqual({ path: expect.stringContaining('SBR09'), message: `"C${SHOWN}" is not a claim filing indicator code` });
    expect(JSON.stringify(rejected.errors)).not.toMatch(RAW_CONTROL);
  });

  it('a claim position naming a CLM01 escapes it', async () => {
    const { items } = await readClaims(CLAIMS.replace('CLM*HI-X12-0001*', `CLM*HI${ESCAPES}*`));
    const described = describePosition(items[0]!.position);
    expect(described).toContain(`claim CLM01 HI${SHOWN} at segment`);
    expect(described).not.toMatch(RAW_CONTROL);
  });

  it('an envelope error quoting control numbers escapes them', async () => {
    const { error } = await readUntilError(CLAIMS.replace('SE*99*0001', `SE*99*0${ESCAPES}`));
    expect(error.message).toBe(`malformed X12 envelope: segment 101: SE02 0${SHOWN} does not match ST02 0001`);
  });
});
