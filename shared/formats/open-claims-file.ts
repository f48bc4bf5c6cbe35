import { describeBinary, isaSeparators } from './binary-content.ts';
import { contentStart, isUtf16, peekSource, restOf, type ClaimsSource, type PeekedSource } from './byte-source.ts';
import { hasResourceType, laterIsaOffset, looksLikeX12, PEEK_CHARACTERS } from './detect-format.ts';
import { UnreadableInputError } from './errors.ts';
import { NOT_FHIR_JSON, readFhirValues } from './fhir/read-fhir.ts';
import { topLevelValues } from './json/document-splitter.ts';
import { NOT_JSON_CLAIMS, readJsonValues } from './json/read-json.ts';
import type { TopValue } from './json/top-value.ts';
import type { ClaimFormat, FileCounts, IntakeItem } from './types.ts';
import { decodedUtf8 } from './utf8-decoder.ts';
import { ISA_LENGTH } from './x12/isa-header.ts';
import { readX12 } from './x12/read-x12.ts';

/** A claims file being read: its format, its claims in file order, and what it held. */
export interface ClaimsFile {
  readonly format: ClaimFormat;
  /** Each claim of the file, in order, as contract input or as a rejection with its position. Iterate once. */
  readonly items: AsyncIterable<IntakeItem>;
  /** Counts so far; complete once `items` has been read to the end. */
  readonly counts: FileCounts;
}

export interface OpenClaimsFileOptions {
  /** Read the file as this format instead of detecting it from the content. */
  format?: ClaimFormat;
}

/** Values read before the format is judged: the first that parses decides, as in detectFormat. */
const VALUES_TO_DETECT_FORMAT = 20;

/**
 * Opens a claims file in any supported format: claim event contract JSON/NDJSON, X12 837P, or FHIR
 * R4 (a Claim, a Bundle, or NDJSON). The format comes from the content unless `options.format`
 * forces one. Every format is streamed: only the claim being read is held (a FHIR Bundle, read
 * whole, is one value and bounded by MAX_VALUE_CHARACTERS).
 *
 * Throws UnreadableInputError when the file as a whole cannot be read (empty, binary, UTF-16, no
 * claims, a bad X12 envelope); iterating `items` can throw it too, for what is found later in the
 * file (bytes that are not UTF-8, a broken envelope or array, a file cut short), with
 * `claimsBefore` saying how many items were handed out before it.
 */
export async function openClaimsFile(source: ClaimsSource, options: OpenClaimsFileOptions = {}): Promise<ClaimsFile> {
  // Enough bytes to see past a BOM and blank lines, hold a whole ISA header, and find an ISA that
  // a title line pushed down.
  const peeked = await peekSource(source, (head) => head.length - contentStart(head) > Math.max(ISA_LENGTH + 2, PEEK_CHARACTERS));
  try {
    const { format, items, counts } = await openPeeked(peeked, options);
    return {
      format,
      items: numbered(items, peeked.close),
      get counts() {
        return counts();
      },
    };
  } catch (error) {
    // A file refused before its items are read leaves no stream open behind it.
    await peeked.close().catch(() => undefined);
    throw error;
  }
}

/** A file's format, and the reader's items and counts. */
interface Opened {
  format: ClaimFormat;
  items: AsyncIterable<IntakeItem>;
  counts: () => FileCounts;
}

async function openPeeked(peeked: PeekedSource, options: OpenClaimsFileOptions): Promise<Opened> {
  if (isUtf16(peeked.head)) throw new UnreadableInputError('the file is UTF-16 encoded; save it as UTF-8 (or ASCII) and send it again');
  const start = contentStart(peeked.head);
  const binary = describeBinary(peeked.head.subarray(bomLength(peeked.head)), isaSeparators(peeked.head, start));
  if (binary) throw new UnreadableInputError(`the file looks like ${binary}, not claims: send a claim JSON, X12 837P or FHIR R4 text file`);
  const startText = peeked.head.toString('latin1', start, start + PEEK_CHARACTERS);
  const x12 = options.format === 'x12' || (options.format === undefined && (looksLikeX12(startText) || laterIsaOffset(startText) !== undefined));
  if (x12) {
    const isaAt = looksLikeX12(startText) ? undefined : laterIsaOffset(startText);
    if (isaAt !== undefined) {
      // The text above the ISA is not echoed: it may name a patient.
      throw new UnreadableInputError(
        `no ISA at the start of the file: the ISA interchange header comes after ${isaAt} characters of other text; an X12 file must begin with its ISA, so remove what comes before it and send the file again`,
      );
    }
    const reader = readX12(peeked, start);
    return { format: 'x12', items: reader.items, counts: reader.counts };
  }
  return openJson(peeked, options.format);
}

/** JSON or FHIR: the format is judged by the first value that parses, read before anything is handed out. */
async function openJson(peeked: PeekedSource, forced: ClaimFormat | undefined): Promise<Opened> {
  const values = topLevelValues(decodedUtf8(restOf(peeked)), forced === 'fhir' ? NOT_FHIR_JSON : NOT_JSON_CLAIMS);
  const early: TopValue[] = [];
  let parsed: TopValue | undefined;
  while (!forced && !parsed && early.length < VALUES_TO_DETECT_FORMAT) {
    const next = await values.next();
    if (next.done) break;
    early.push(next.value);
    if (next.value.parseError === undefined) parsed = next.value;
  }
  const format = forced ?? (hasResourceType(parsed?.value) ? 'fhir' : 'json');
  async function* all(): AsyncGenerator<TopValue> {
    yield* early;
    yield* values;
  }
  const reader = format === 'fhir' ? readFhirValues(all()) : readJsonValues(all());
  return { format, items: reader.items, counts: reader.counts };
}

/**
 * The items, with any UnreadableInputError from the middle of the file saying how many were handed
 * out before it, and the source closed when the reading stops before its end (left early or failed).
 * Each next() is the reader's own with one step added, not an async generator's queue, suspension
 * and promises around it: those were about 3 % of reading an X12 file.
 */
function numbered(items: AsyncIterable<IntakeItem>, close: () => Promise<void>): AsyncIterableIterator<IntakeItem> {
  return new NumberedItems(items[Symbol.asyncIterator](), close);
}

class NumberedItems implements AsyncIterableIterator<IntakeItem> {
  readonly #items: AsyncIterator<IntakeItem>;
  readonly #close: () => Promise<void>;
  #handedOut = 0;
  /** Past an error or return(), as an async generator is: every next() is done. */
  #over = false;

  constructor(items: AsyncIterator<IntakeItem>, close: () => Promise<void>) {
    this.#items = items;
    this.#close = close;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<IntakeItem>> {
    if (this.#over) return Promise.resolve({ value: undefined, done: true });
    return this.#items.next().then(
      (result) => {
        if (result.done) this.#over = true;
        else this.#handedOut++;
        return result;
      },
      async (error: unknown) => {
        this.#over = true;
        await this.#close().catch(() => undefined);
        if (error instanceof UnreadableInputError && error.claimsBefore !== this.#handedOut) throw new UnreadableInputError(error.message, this.#handedOut);
        throw error;
      },
    );
  }

  async return(): Promise<IteratorResult<IntakeItem>> {
    if (!this.#over) {
      this.#over = true;
      try {
        await this.#items.return?.();
      } finally {
        await this.#close();
      }
    }
    return { value: undefined, done: true };
  }
}

function bomLength(head: Buffer): number {
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}
