import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreadableInputError, type ClaimItem } from '../../shared/formats/index.ts';
import { readClaims, X12_FIXTURES } from './read-file.ts';

const REJECTS = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_rejects.txt'));
const CLAIMS = readFileSync(join(X12_FIXTURES, 'x12_home_infusion_claims.txt'), 'latin1');

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The claims file with its only interchange's text, for building broken variants. */
function envelope(body: string): string {
  return CLAIMS.replace(/ST\*837[\s\S]*SE\*99\*0001~\n/, body);
}

describe('X12 streaming', () => {
  it.each([1, 7, 105, 4096])('reads the same claims whatever the chunk size (%i bytes)', async (size) => {
    const whole = await readClaims(REJECTS);
    const streamed = await readClaims(chunked(REJECTS, size));
    expect(streamed.items).toEqual(whole.items);
    expect(streamed.counts).toEqual(whole.counts);
  });

  it('skips a UTF-8 BOM and blank lines before the ISA', async () => {
    const { items } = await readClaims(`\uFEFF\r\n\n   ${CLAIMS}`);
    expect(items.map((i) => i.claimId)).toEqual(['HI-X12-0001', 'HI-X12-0002', 'HI-X12-0003', 'HI-X12-0004', 'HI-X12-0005']);
  });

  it.each([
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLAIMS, 'utf16le')])],
    ['UTF-16 LE without a BOM', Buffer.from(CLAIMS, 'utf16le')],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CLAIMS, 'utf16le').swap16()])],
  ])('names a %s file as UTF-16', async (_name, bytes) => {
    await expect(readClaims(chunked(bytes, 64))).rejects.toThrow(new UnreadableInputError('the file is UTF-16 encoded; save it as UTF-8 (or ASCII) and send it again'));
  });

  it('text before the ISA: "no ISA at the start of the file", not "not JSON", and the text is not echoed', async () => {
    const titled = `Claims for March, patient RIVERA\n\n${CLAIMS}`;
    await expect(readClaims(titled)).rejects.toThrow(
      new UnreadableInputError(
        'no ISA at the start of the file: the ISA interchange header comes after 34 characters of other text; an X12 file must begin with its ISA, so remove what comes before it and send the file again',
      ),
    );
  });

  it('keeps a multi-byte character that a chunk boundary splits', async () => {
    const bytes = Buffer.from(CLAIMS.replace('BLUE VALLEY PPO', 'BLUE VALLÉE PPO'), 'utf8');
    const { items } = await readClaims(chunked(bytes, 3));
    expect((items[0] as ClaimItem).claim).toMatchObject({ payer: { name: 'BLUE VALLÉE PPO' } });
  });

  it('a broken envelope late in the file rejects the file after the claims before it were read', async () => {
    const second = CLAIMS.replace('000000101*0*T', '000000102*0*T').replace('IEA*1*000000101', 'IEA*1*000000999');
    const file = Buffer.from(CLAIMS + second, 'latin1');
    const seen: string[] = [];
    const error = await (async () => {
      try {
        const { openClaimsFile } = await import('../../shared/formats/index.ts');
        for await (const item of (await openClaimsFile(chunked(file, 512))).items) seen.push(item.claimId ?? '');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnreadableInputError);
    expect((error as UnreadableInputError).message).toBe('malformed X12 envelope: segment 206: IEA02 000000999 does not match ISA13 000000102');
    expect((error as UnreadableInputError).claimsBefore).toBe(10);
    expect(seen).toHaveLength(10);
  });

  it.each([
    ['a file cut off inside a transaction set', CLAIMS.slice(0, CLAIMS.indexOf('SE*99')), 'its SE segment is missing'],
    ['SE02 that does not match ST02', CLAIMS.replace('SE*99*0001', 'SE*99*0002'), 'SE02 0002 does not match ST02 0001'],
    ['a segment outside any transaction set', CLAIMS.replace('GE*1*101~', 'NM1*85*2*X~\nGE*1*101~'), 'segment 102 (NM1) is outside a transaction set (ST … SE)'],
    ['an ISA12 version other than 5010', CLAIMS.replace('*00501*', '*00401*'), 'unsupported interchange version ISA12 "00401"'],
    ['an interchange with no transaction set', envelope(''), 'the X12 file holds no 837P claims: it has no transaction set (ST … SE)'],
  ])('%s rejects the file', async (_name, text, message) => {
    await expect(readClaims(text)).rejects.toThrow(message);
  });

  it('a mangled segment tag inside a claim rejects that claim only', async () => {
    const { items, counts } = await readClaims(CLAIMS.replace('LX*2~\nSV1*HC:99601:SS*180', 'LX*2~\nS V1*HC:99601:SS*180'));
    expect(counts).toMatchObject({ claimsRead: 5, rejected: 1 });
    expect(items[1]).toMatchObject({
      kind: 'rejected',
      claimId: 'HI-X12-0002',
      errors: [
        { path: 'segment 51', message: 'a segment starting "S V…" has no valid segment tag' },
        { path: 'line 2 SV1 (segment 50)', message: 'the line has no professional service (SV1)' },
      ],
    });
  });

  it('a read error of the source reaches the caller', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield REJECTS.subarray(0, 300);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
    }
    await expect(readClaims(failing())).rejects.toThrow('EIO: i/o error, read');
  });
});
