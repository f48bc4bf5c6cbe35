import type { PeekedSource } from '../byte-source.ts';
import type { FileCounts, IntakeItem } from '../types.ts';
import { readIsaHeader } from './isa-header.ts';
import { x12Segments } from './segment-stream.ts';
import { X12ClaimReader } from './x12-claim-reader.ts';

/**
 * Streams the claims of an X12 837P file. The ISA header is checked before anything is read (a bad
 * one throws UnreadableInputError at once); later envelope errors throw it from the iteration.
 * Only the claim being assembled is held in memory, so a file of any size reads in flat memory.
 */
export function readX12(peeked: PeekedSource, start: number): { items: AsyncIterable<IntakeItem>; counts: () => FileCounts } {
  const header = readIsaHeader(peeked.head.toString('latin1', start, start + 512));
  const reader = new X12ClaimReader(header.separators);
  async function* items(): AsyncGenerator<IntakeItem> {
    const { batches, ending } = x12Segments(peeked, start, header.separators);
    for await (const batch of batches) {
      for (const segment of batch) {
        // Most segments complete no claim: yield only when one did, to keep a promise per claim, not per segment.
        const done = reader.push(segment);
        for (const item of done) yield item;
      }
    }
    reader.finish(ending);
  }
  return { items: items(), counts: () => reader.counts };
}
