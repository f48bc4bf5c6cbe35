import { contentStart, isUtf16, peekSource, readAllText, type ClaimsSource } from './byte-source.ts';
import { detectFormat, laterIsaOffset, looksLikeX12, PEEK_CHARACTERS } from './detect-format.ts';
import { UnreadableInputError } from './errors.ts';
import { readFhirDocument } from './fhir/read-fhir.ts';
import { readJsonDocument } from './json/read-json.ts';
import type { ClaimFormat, FileCounts, IntakeItem } from './types.ts';
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

/**
 * Opens a claims file in any supported format: claim event contract JSON/NDJSON, X12 837P, or FHIR
 * R4 (a Claim, a Bundle, or NDJSON). The format comes from the content unless `options.format`
 * forces one. X12 is streamed; JSON and FHIR documents are read whole.
 *
 * Throws UnreadableInputError when the file as a whole cannot be read (empty, no claims, a bad X12
 * envelope); iterating `items` can throw it too, for X12 envelope errors found later in the file.
 */
export async function openClaimsFile(source: ClaimsSource, options: OpenClaimsFileOptions = {}): Promise<ClaimsFile> {
  // Enough bytes to see past a BOM and blank lines, hold a whole ISA header, and find an ISA that
  // a title line pushed down.
  const peeked = await peekSource(source, (head) => head.length - contentStart(head) > Math.max(ISA_LENGTH + 2, PEEK_CHARACTERS));
  if (isUtf16(peeked.head)) throw new UnreadableInputError('the file is UTF-16 encoded; save it as UTF-8 (or ASCII) and send it again');
  const start = contentStart(peeked.head);
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
    return {
      format: 'x12',
      items: reader.items,
      get counts() {
        return reader.counts();
      },
    };
  }
  const text = await readAllText(peeked);
  const format = options.format ?? detectFormat(text);
  const document = format === 'fhir' ? readFhirDocument(text) : readJsonDocument(text);
  return { format, items: fromArray(document.items), counts: document.counts };
}

async function* fromArray(items: readonly IntakeItem[]): AsyncGenerator<IntakeItem> {
  yield* items;
}
