import type { Finding } from '../claim/result.ts';
import type { FieldError } from '../claim/validate.ts';

/** CLAIM-INVALID is not a catalog rule: it replaces every rule when the claim breaks the contract. */
export const CLAIM_INVALID = {
  id: 'CLAIM-INVALID',
  severity: 'error',
  description: 'The claim does not follow claim event contract v1, so no rule could run on it.',
  explanation:
    'In simple words: the claim is missing information or has it in the wrong form, so it cannot be checked: no rule ran on it, and it is not ready to go to the payer.',
  remediation: 'Correct every field listed in the message and submit the claim again.',
  source: 'Claim event contract v1 (README, "Claim event contract v1"; JSON Schema in schema/claim-v1.schema.json).',
} as const;

export function claimInvalid(errors: readonly FieldError[]): Finding {
  const listed = errors.map((e) => `${e.path || '(claim)'}: ${e.message}`).join('; ');
  return {
    ruleId: CLAIM_INVALID.id,
    severity: CLAIM_INVALID.severity,
    message: `The claim breaks the contract in ${errors.length} place${errors.length === 1 ? '' : 's'}: ${listed}`,
    explanation: CLAIM_INVALID.explanation,
    remediation: CLAIM_INVALID.remediation,
  };
}
