import { describe, expect, it } from 'vitest';
import type { Separators } from '../../shared/formats/x12/isa-header.ts';
import { el, elementsOf, type Segment } from '../../shared/formats/x12/segment.ts';
import { X12Tokenizer } from '../../shared/formats/x12/x12-tokenizer.ts';
import { EagerX12Tokenizer, type EagerSegment } from './eager-x12-tokenizer.ts';
import { X12_FIXTURE_TEXTS, type PlainSegment } from './read-file.ts';

// The tokenizer's segments keep their values in the decoded text and cut one only when it is read
// (decision 017). They must read value for value as the segments of the tokenizer that made a
// string of every element: on every fixture, in any chunks, and on generated text full of
// separators, white space and line breaks.

const STAR: Separators = { element: '*', component: ':', segment: '~', repetition: '^' };
const ISA = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *200305*1400*^*00501*000000001*0*T*:~';

const FILES = X12_FIXTURE_TEXTS;

type Plain = PlainSegment;

/** The segments a tokenizer hands out for the text cut at `cuts`, then at its end. */
function inPieces<S>(tokenizer: { push(text: string): S[]; end(): S[] }, text: string, cuts: readonly number[]): S[] {
  const segments: S[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    segments.push(...tokenizer.push(text.slice(at, cut)));
    at = cut;
  }
  segments.push(...tokenizer.end());
  return segments;
}

function lazy(text: string, cuts: readonly number[], separators: Separators, afterIsa: string): Plain[] {
  return inPieces<Segment>(new X12Tokenizer(separators, afterIsa), text, cuts).map((segment) => ({ tag: segment.tag, elements: elementsOf(segment) }));
}

/** The same text in the same pieces: in a "\r"-terminated file a "\r\n" is joined within a piece only, by both. */
function eager(text: string, cuts: readonly number[], separators: Separators, afterIsa: string): Plain[] {
  return inPieces<EagerSegment>(new EagerX12Tokenizer(separators, afterIsa), text, cuts).map((segment) => ({ tag: segment.tag, elements: segment.elements.map((element) => [...element]) }));
}

function every(size: number, length: number): number[] {
  const cuts: number[] = [];
  for (let at = size; at < length; at += size) cuts.push(at);
  return cuts;
}

/** A small deterministic generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('lazy segments read as the segments of the eager tokenizer', () => {
  it.each(FILES.map((f) => [f.name, f] as const))('%s, whole and in chunks of 1, 7 and 64 characters', (_name, file) => {
    const afterIsa = file.text.charAt(106);
    for (const size of [file.text.length, 1, 7, 64]) {
      const cuts = every(size, file.text.length);
      expect(lazy(file.text, cuts, file.separators, afterIsa)).toEqual(eager(file.text, cuts, file.separators, afterIsa));
    }
  });

  it('generated text of separators, white space, line breaks and ISA segments, in random chunks', () => {
    const pieces = ['*', '*', ':', '~', '^', ' ', '\n', '\r\n', '\r', '\t', '\u00a0', '\u2028', 'A', 'B', 'NM1', 'ISA', 'SV1', 'HC', '99601', 'É', '山', '𝒜', '', '~\n'];
    const separatorSets: [Separators, string][] = [
      [STAR, ''],
      [STAR, '\n'],
      [{ element: '*', component: ':', segment: '\r', repetition: '^' }, '\n'],
      [{ element: '*', component: ':', segment: '\r', repetition: '^' }, ''],
      [{ element: '~', component: '^', segment: '_', repetition: '{' }, ''],
    ];
    const next = random(837);
    for (let run = 0; run < 400; run++) {
      let text = '';
      const length = 1 + Math.floor(next() * 200);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const [separators, afterIsa] = separatorSets[run % separatorSets.length] as [Separators, string];
      const cuts = every(1 + Math.floor(next() * 40), text.length);
      expect(lazy(text, cuts, separators, afterIsa), JSON.stringify({ text, run })).toEqual(eager(text, cuts, separators, afterIsa));
    }
  });
});

describe('a lazy segment', () => {
  function segments(text: string): Segment[] {
    const tokenizer = new X12Tokenizer(STAR, '\n');
    return [...tokenizer.push(text), ...tokenizer.end()];
  }

  it('reads elements and components in any order, as often as asked, and nothing past the last', () => {
    const [, sv1] = segments(`${ISA}\nSV1* HC:99601 :SS*180*MJ*215***1~\n`);
    if (!sv1) throw new Error('no SV1');
    expect(el(sv1, 4)).toBe('215');
    expect(el(sv1, 1, 2)).toBe('99601');
    expect(el(sv1, 1)).toBe('HC');
    expect(el(sv1, 1, 3)).toBe('SS');
    expect(el(sv1, 1, 4)).toBe('');
    expect(el(sv1, 2, 2)).toBe('');
    expect(el(sv1, 5)).toBe('');
    expect(el(sv1, 7)).toBe('1');
    expect(el(sv1, 8)).toBe('');
    expect(el(sv1, 0)).toBe('');
    expect(el(sv1, 1, 2)).toBe('99601');
    expect(sv1.elementCount).toBe(7);
    expect([0, 1, 2, 3, 7, 8].map((n) => sv1.componentCount(n))).toEqual([0, 3, 1, 1, 1, 0]);
  });

  it('keeps the ISA whole, its component separator included, and counts a segment without elements as none', () => {
    const [isa, iea, se] = segments(`${ISA}\nIEA~SE*~`);
    expect(isa?.elementCount).toBe(16);
    expect(el(isa as Segment, 16)).toBe(':');
    expect(isa?.componentCount(16)).toBe(1);
    expect(iea?.elementCount).toBe(0);
    expect(el(iea as Segment, 1)).toBe('');
    expect(se?.elementCount).toBe(1);
    expect(el(se as Segment, 1)).toBe('');
  });

  it('reads segments of many elements and components, however many a chunk holds', () => {
    const values = Array.from({ length: 600 }, (_, i) => `V${i}`);
    const composite = Array.from({ length: 700 }, (_, i) => `C${i}`).join(':');
    const found = segments(`${ISA}\nREF*${values.join('*')}~\nREF*${composite}*X~\nREF*${values.join('*')}~`);
    for (const ref of [found[1], found[3]]) {
      expect(ref?.elementCount).toBe(600);
      expect(elementsOf(ref as Segment)).toEqual(values.map((value) => [value]));
    }
    expect(found[2]?.componentCount(1)).toBe(700);
    expect(el(found[2] as Segment, 1, 700)).toBe('C699');
    expect(el(found[2] as Segment, 2)).toBe('X');
    expect(el(found[1] as Segment, 599)).toBe('V598');
    // Nothing but separators: more places than a chunk's first guess holds.
    const empty = segments(`${ISA}\nREF${'*'.repeat(3000)}~\nREF${'*:'.repeat(2000)}Z~`);
    expect(empty[1]?.elementCount).toBe(3000);
    expect(elementsOf(empty[1] as Segment).every((element) => element.length === 1 && element[0] === '')).toBe(true);
    expect(empty[2]?.elementCount).toBe(2000);
    expect(empty[2]?.componentCount(2000)).toBe(2);
    expect(el(empty[2] as Segment, 2000, 2)).toBe('Z');
    expect(el(empty[1] as Segment, 3000)).toBe('');
  });

  it('drops line breaks inside a value and trims every value as String.prototype.trim does', () => {
    const [, nm1] = segments(`${ISA}\r\n N\nM1 *\u00a0DO\r\nE\u2028*JA\nNE : X \t~\n`);
    expect(nm1?.tag).toBe('NM1');
    expect(elementsOf(nm1 as Segment)).toEqual([['DOE'], ['JANE', 'X']]);
  });
});
