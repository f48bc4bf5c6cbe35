import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentStart } from '../../shared/formats/byte-source.ts';
import { openClaimsFile, type ClaimsSource, type FileCounts, type IntakeItem, type OpenClaimsFileOptions } from '../../shared/formats/index.ts';
import { readIsaHeader, type Separators } from '../../shared/formats/x12/isa-header.ts';

export const X12_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'x12');
export const FHIR_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'fhir');
const X12_SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'x12-samples');

/** Every X12 fixture and sample that starts with a readable ISA, as text from the ISA on, with its separators. */
export const X12_FIXTURE_TEXTS: readonly { name: string; text: string; separators: Separators }[] = [X12_FIXTURES, X12_SAMPLES]
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .filter((path) => /\.(txt|edi)$/.test(path))
  .flatMap((path) => {
    const bytes = readFileSync(path);
    const text = bytes.toString('utf8', contentStart(bytes));
    try {
      return [{ name: path.slice(path.lastIndexOf('/') + 1), text, separators: readIsaHeader(text).separators }];
    } catch {
      return [];
    }
  });

/** A segment's tag and every value, to compare segments whole. */
export interface PlainSegment {
  tag: string;
  elements: string[][];
}

/** Every item of a claims file and its final counts. */
export async function readClaims(source: ClaimsSource, options: OpenClaimsFileOptions = {}): Promise<{ items: IntakeItem[]; counts: FileCounts; format: string }> {
  const file = await openClaimsFile(source, options);
  const items: IntakeItem[] = [];
  for await (const item of file.items) items.push(item);
  return { items, counts: file.counts, format: file.format };
}

export function x12File(name: string): ClaimsSource {
  return createReadStream(join(X12_FIXTURES, name));
}
