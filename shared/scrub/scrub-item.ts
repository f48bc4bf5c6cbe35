import type { ScrubResult } from '../claim/result.ts';
import { describePosition, type IntakeItem } from '../formats/index.ts';
import { rejectedResult, scrubInput, type ScrubData } from './scrub.ts';

/**
 * Scrubs one item of a claims file. A claim rejected by its X12 or FHIR reader, or one the contract
 * rejects after mapping, gets a CLAIM-INVALID finding that starts with where it sat in the file, so
 * a biller can find it among thousands. JSON-contract items scrub exactly as `scrubInput` does.
 */
export function scrubIntakeItem(item: IntakeItem, data: ScrubData): ScrubResult {
  const result = item.kind === 'rejected' ? rejectedResult(item.claimId, item.errors, data) : scrubInput(item.claim, data);
  if (result.status !== 'rejected' || item.position.format === 'json') return result;
  return startFindingsWith(result, describePosition(item.position));
}

/** Starts each finding's message with where the claim sat, so a biller can find it among thousands. */
export function startFindingsWith(result: ScrubResult, where: string): ScrubResult {
  return { ...result, findings: result.findings.map((finding) => ({ ...finding, message: `${where}: ${finding.message}` })) };
}
