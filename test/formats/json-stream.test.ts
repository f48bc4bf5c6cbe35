import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openClaimsFile, UnreadableInputError, type IntakeItem } from '../../shared/formats/index.ts';
import { readClaims } from './read-file.ts';

const FIRST = JSON.parse(readFileSync('examples/01-clean-suite-visit.json', 'utf8')) as Record<string, unknown>;
const claim = (n: number) => ({ ...FIRST, claimId: `HI-STREAM-${n}` });

async function* chunked(text: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/**
 * A source that makes `count` claims on demand and records how many it has made, so a test can see
 * how far ahead of the claims handed out the reader has read.
 */
function lazySource(count: number, render: (n: number, last: boolean) => string, open = '', close = '') {
  const state = { made: 0 };
  async function* source(): AsyncGenerator<Buffer> {
    if (open) yield Buffer.from(open);
    for (let n = 1; n <= count; n++) {
      state.made = n;
      yield Buffer.from(render(n, n === count));
    }
    if (close) yield Buffer.from(close);
  }
  return { source: source(), state };
}

/** Reads the file and records, for each claim handed out, how many claims the source had made by then. */
async function aheadOfConsumer(file: Awaited<ReturnType<typeof openClaimsFile>>, state: { made: number }): Promise<{ ids: string[]; maxAhead: number }> {
  const ids: string[] = [];
  let maxAhead = 0;
  for await (const item of file.items) {
    ids.push(item.claimId ?? '');
    maxAhead = Math.max(maxAhead, state.made - ids.length);
  }
  return { ids, maxAhead };
}

describe('JSON arrays, NDJSON and claims back to back are streamed', () => {
  it('a JSON array is read claim by claim: the reader is never more than a few claims ahead', async () => {
    const { source, state } = lazySource(2_000, (n, last) => `${JSON.stringify(claim(n))}${last ? '' : ','}\n`, '[\n', ']\n');
    const file = await openClaimsFile(source);
    expect(file.format).toBe('json');
    const { ids, maxAhead } = await aheadOfConsumer(file, state);
    expect(ids).toHaveLength(2_000);
    expect(ids.at(-1)).toBe('HI-STREAM-2000');
    expect(maxAhead).toBeLessThanOrEqual(25);
    expect(file.counts).toEqual({ format: 'json', claimsRead: 2_000, rejected: 0, notes: [] });
  });

  it('NDJSON is read line by line, each claim with its line', async () => {
    const { source, state } = lazySource(2_000, (n) => `${JSON.stringify(claim(n))}\n`);
    const file = await openClaimsFile(source);
    const { ids, maxAhead } = await aheadOfConsumer(file, state);
    expect(ids).toHaveLength(2_000);
    expect(maxAhead).toBeLessThanOrEqual(25);
  });

  it('pretty-printed claims back to back are read one at a time, each named by the line it starts on', async () => {
    const pretty = JSON.stringify(claim(1), null, 2);
    const lines = pretty.split('\n').length;
    const { source, state } = lazySource(500, (n) => `${JSON.stringify(claim(n), null, 2)}\n`);
    const file = await openClaimsFile(source);
    const items: IntakeItem[] = [];
    let maxAhead = 0;
    for await (const item of file.items) {
      items.push(item);
      maxAhead = Math.max(maxAhead, state.made - items.length);
    }
    expect(items.map((i) => i.position)).toEqual(Array.from({ length: 500 }, (_, i) => ({ format: 'json', index: i, line: 1 + i * lines })));
    expect(maxAhead).toBeLessThanOrEqual(25);
  });

  it('FHIR NDJSON streams like NDJSON', async () => {
    const resource = readFileSync('test/fixtures/fhir/claim-suite-commercial.json', 'utf8').replace(/\s*\n\s*/g, ' ');
    const { source, state } = lazySource(300, () => `${resource}\n`);
    const file = await openClaimsFile(source);
    expect(file.format).toBe('fhir');
    const { ids, maxAhead } = await aheadOfConsumer(file, state);
    expect(ids).toHaveLength(300);
    expect(maxAhead).toBeLessThanOrEqual(25);
  });

  it.each([1, 3, 64, 4096])('gives the same items whatever the chunk size (%i bytes)', async (size) => {
    const documents = [
      JSON.stringify([claim(1), claim(2), 'a "string", with ] and , in it', 42]),
      [claim(1), claim(2)].map((c) => JSON.stringify(c)).join('\r\n'),
      [claim(1), claim(2)].map((c) => JSON.stringify(c, null, 2)).join(''),
      `\uFEFF${JSON.stringify(claim(1), null, 2)}\n`,
      `${JSON.stringify({ ...claim(1), note: 'José Ñandú 北京 💉' })}\n{"claimId": oops}\n`,
    ];
    for (const text of documents) {
      const whole = await readClaims(text);
      const streamed = await readClaims(chunked(text, size));
      expect(streamed.items).toEqual(whole.items);
      expect(streamed.counts).toEqual(whole.counts);
    }
  });

  it('one claim alone has no line, as before; a claim of an array neither', async () => {
    expect((await readClaims(JSON.stringify(claim(1), null, 2))).items.map((i) => i.position)).toEqual([{ format: 'json', index: 0 }]);
    expect((await readClaims(JSON.stringify([claim(1), claim(2)]))).items.map((i) => i.position)).toEqual([
      { format: 'json', index: 0 },
      { format: 'json', index: 1 },
    ]);
  });

  it('an array element that is not JSON rejects that claim, and the claims after it are read', async () => {
    const text = `[\n${JSON.stringify(claim(1))},\n{"claimId": "HI-STREAM-2", oops},\n${JSON.stringify(claim(3))}\n]`;
    const { items, counts } = await readClaims(text);
    expect(items.map((i) => [i.kind, i.claimId ?? null])).toEqual([
      ['claim', 'HI-STREAM-1'],
      ['rejected', null],
      ['claim', 'HI-STREAM-3'],
    ]);
    expect(items[1]).toMatchObject({ errors: [{ path: '', message: expect.stringMatching(/^array element 2 \(line 3\) is not valid JSON: /) }] });
    expect(counts).toMatchObject({ claimsRead: 3, rejected: 1 });
  });

  it.each([
    ['cut short', `[${JSON.stringify(claim(1))},${JSON.stringify(claim(2))},{"claimId":`, 2, "the file ends before the array's closing ] (after 2 elements)"],
    ['a missing comma', `[${JSON.stringify(claim(1))}\n${JSON.stringify(claim(2))}]`, 1, 'at line 2, "{" follows element 1 where a comma or ] belongs'],
    ['text after the array', `[${JSON.stringify(claim(1))}]\n[]`, 1, `at line 2, "[" follows the array's closing ]`],
    ['a trailing comma', `[${JSON.stringify(claim(1))},]`, 1, 'at line 1, "]" follows a comma where an element belongs'],
  ])('an array whose structure breaks (%s) is unreadable, and says how many claims came before', async (_name, text, before, what) => {
    const file = await openClaimsFile(chunked(text, 16));
    let handedOut = 0;
    const error = await (async () => {
      try {
        for await (const _item of file.items) handedOut++;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnreadableInputError);
    expect((error as Error).message).toBe(`the input looks like a JSON array but is not valid JSON: ${what}`);
    expect((error as UnreadableInputError).claimsBefore).toBe(before);
    expect(handedOut).toBe(before);
  });

  it('NDJSON with a broken line rejects that line only; a pretty-printed claim cut short is one rejection, not one per line', async () => {
    const broken = await readClaims(`${JSON.stringify(claim(1))}\n{"claimId": "B",\n${JSON.stringify(claim(3))}\n`);
    expect(broken.items.map((i) => (i.kind === 'claim' ? 'ok' : i.errors[0]?.message))).toEqual(['ok', expect.stringMatching(/^line 2 is not valid JSON/), 'ok']);
    const pretty = JSON.stringify(claim(2), null, 2);
    const cut = await readClaims(`${JSON.stringify(claim(1), null, 2)}\n${pretty.slice(0, 200)}`);
    const lines = JSON.stringify(claim(1), null, 2).split('\n').length;
    expect(cut.items.map((i) => (i.kind === 'claim' ? 'ok' : i.errors[0]?.message))).toEqual([
      'ok',
      `lines ${lines + 1}–${lines + pretty.slice(0, 200).split('\n').length} are not valid JSON: the file ends before the value that starts on line ${lines + 1} is closed`,
    ]);
  });
});
