/**
 * File signatures of what gets sent by mistake instead of claims: archives, office files, images,
 * programs. Only signatures no text file starts with: short ones like `MZ` or `BZh` are left to the
 * NUL and control-character checks, which catch those files anyway.
 */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx or Word .docx file is one)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], what: 'a ZIP archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file (unpack it first)' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old-style Office document (.xls or .doc)' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file (unpack it first)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd-compressed file (unpack it first)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image (a scanned or faxed page?)' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image (a scanned or faxed page?)' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)' },
];

/** How much of the start of a file is judged. */
export const BINARY_SAMPLE_BYTES = 1024;

/**
 * A share of control characters no claims file has: X12 and JSON hold none but line breaks and
 * tabs, while random or compressed bytes hold about 11% C0 controls and far more bytes that are
 * not UTF-8. A stray escape sequence in a text file stays far below it.
 */
const SUSPICIOUS_SHARE = 0.1;

/**
 * What the start of a file is when it is not text: a known file signature, a NUL byte, or a high
 * share of control characters and bytes that are not UTF-8 in its first KiB. Undefined for text.
 * Judged before the format, so a ZIP or random bytes get one clear message instead of hundreds of
 * "rejected" claims. `head` must start after any UTF-8 BOM; UTF-16 is told apart before this.
 * `separators` are bytes the file declares as its own (an X12 ISA may name control characters as
 * its element, component and segment separators): they are not held against it.
 */
export function describeBinary(head: Uint8Array, separators: ReadonlySet<number> = new Set()): string | undefined {
  const signature = SIGNATURES.find(({ bytes }) => bytes.every((b, i) => head[i] === b));
  if (signature) return signature.what;
  const sample = head.subarray(0, BINARY_SAMPLE_BYTES);
  if (sample.includes(0)) return 'binary data (it holds NUL bytes)';
  if (sample.length === 0) return undefined;
  const suspicious = countSuspicious(sample, separators);
  return suspicious / sample.length > SUSPICIOUS_SHARE ? `binary data (${Math.round((100 * suspicious) / sample.length)}% of its first bytes are control characters or not UTF-8)` : undefined;
}

/**
 * C0 controls other than tab, line feed, form feed, carriage return and `separators`; DEL; and
 * every byte of a sequence that is not UTF-8.
 */
function countSuspicious(sample: Uint8Array, separators: ReadonlySet<number>): number {
  let count = 0;
  let i = 0;
  while (i < sample.length) {
    const byte = sample[i] ?? 0;
    if (byte < 0x80) {
      if (((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) && !separators.has(byte)) count++;
      i++;
      continue;
    }
    const length = utf8SequenceLength(sample, i);
    // A sequence cut by the end of the sample is not held against the file.
    if (length === 0 && sample.length - i >= 4) count++;
    i += Math.max(1, length);
  }
  return count;
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when there is none. */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  const b1 = bytes[i + 1] ?? -1;
  const cont = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(b1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80;
    const high = b0 === 0xed ? 0x9f : 0xbf;
    return b1 >= low && b1 <= high && cont(bytes[i + 2]) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf;
    return b1 >= low && b1 <= high && cont(bytes[i + 2]) && cont(bytes[i + 3]) ? 4 : 0;
  }
  return 0;
}

/**
 * The separators an ISA at `start` declares (element at 3, repetition at 82, component at 104,
 * segment terminator at 105), when the text there starts with one: X12 may use control characters.
 */
export function isaSeparators(head: Uint8Array, start: number): ReadonlySet<number> {
  if (head[start] !== 0x49 || head[start + 1] !== 0x53 || head[start + 2] !== 0x41) return new Set();
  return new Set([3, 82, 104, 105].flatMap((at) => (head[start + at] === undefined ? [] : [head[start + at] ?? 0])));
}
