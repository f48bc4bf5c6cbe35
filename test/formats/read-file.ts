import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { openClaimsFile, type ClaimsSource, type FileCounts, type IntakeItem, type OpenClaimsFileOptions } from '../../shared/formats/index.ts';

export const X12_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'x12');
export const FHIR_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'fhir');

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
