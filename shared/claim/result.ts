export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ScrubStatus = 'clean' | 'flagged' | 'rejected';

/** One edit raised against a claim: scrub result contract v1. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  lineNumber?: number;
  message: string;
  explanation: string;
  remediation: string;
}

export interface ScrubResult {
  /** The claim's id; null only when a rejected input carried no usable claimId. */
  claimId: string | null;
  status: ScrubStatus;
  medicareDenialRisk: boolean;
  findings: Finding[];
  codeRelease: string;
  rulesetVersion: string;
}
