import type { FileCounts, IntakeItem } from '../types.ts';
import { splitClaimsDocument } from './split-claims-document.ts';
import { claimIdOf } from '../../claim/claim-id.ts';

/** Claim event contract claims (a JSON object, an array, or NDJSON) as items; a line that is not JSON is a rejected item. */
export function readJsonDocument(text: string): { items: IntakeItem[]; counts: FileCounts } {
  const items = splitClaimsDocument(text).map((item): IntakeItem => {
    const position = { format: 'json' as const, index: item.index, ...(item.line === undefined ? {} : { line: item.line }) };
    if (item.parseError !== undefined) return { kind: 'rejected', index: item.index, claimId: null, position, errors: [{ path: '', message: item.parseError }] };
    const claimId = claimIdOf(item.value);
    return { kind: 'claim', index: item.index, claim: item.value, ...(claimId === null ? {} : { claimId }), position };
  });
  const rejected = items.filter((item) => item.kind === 'rejected').length;
  return { items, counts: { format: 'json', claimsRead: items.length, rejected, notes: [] } };
}
