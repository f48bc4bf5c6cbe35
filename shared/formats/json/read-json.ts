import type { FileCounts, IntakeItem, JsonPosition } from '../types.ts';
import type { TopValue } from './top-value.ts';
import { claimIdOf } from '../../claim/claim-id.ts';

/** Why a JSON-contract file is refused when its first lines parse as nothing. */
export const NOT_JSON_CLAIMS = 'the input is neither JSON nor NDJSON claims';

/**
 * Claim event contract claims (a JSON object, an array, NDJSON, or objects back to back) as items,
 * one per top-level value, as the values arrive; a value that is not JSON is a rejected item.
 */
export function readJsonValues(values: AsyncIterable<TopValue>): { items: AsyncIterable<IntakeItem>; counts: () => FileCounts } {
  const counts: FileCounts = { format: 'json', claimsRead: 0, rejected: 0, notes: [] };
  async function* items(): AsyncGenerator<IntakeItem> {
    for await (const top of values) {
      const index = counts.claimsRead++;
      const position: JsonPosition = { format: 'json', index, ...(top.line === undefined ? {} : { line: top.line }) };
      if (top.parseError !== undefined) {
        counts.rejected++;
        yield { kind: 'rejected', index, claimId: null, position, errors: [{ path: '', message: top.parseError }] };
        continue;
      }
      const claimId = claimIdOf(top.value);
      yield { kind: 'claim', index, claim: top.value, ...(claimId === null ? {} : { claimId }), position };
    }
  }
  return { items: items(), counts: () => ({ ...counts }) };
}
