import type { ClaimFormat, FileCounts } from './types.ts';

const FORMAT_NAMES: Record<ClaimFormat, string> = { json: 'claim JSON', x12: 'X12 837P', fhir: 'FHIR R4' };

/**
 * A file's outcome in a few lines: claims read and rejected, envelopes, and each note with its
 * count. Built from counts only, so it never holds member data.
 */
export function describeCounts(counts: FileCounts, name: string): string {
  const envelopes =
    counts.format === 'x12'
      ? ` (${plural(counts.interchanges ?? 0, 'interchange')}, ${plural(counts.groups ?? 0, 'functional group')}, ${plural(counts.transactions ?? 0, 'transaction set')})`
      : '';
  const lines = [`${name}: ${FORMAT_NAMES[counts.format]}${envelopes}: ${plural(counts.claimsRead, 'claim')} read, ${counts.rejected} rejected while reading`];
  for (const note of counts.notes) lines.push(`  note: ${note.message} (${note.count}×)`);
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
