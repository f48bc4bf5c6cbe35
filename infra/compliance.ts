import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag packs synthesis is gated on (infra/app.ts) and the tests run: one list for both. */
export function compliancePacks(scope: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(scope), new HIPAASecurityChecks(scope), new NIST80053R5Checks(scope)];
}

/** What the gate is called in messages. */
export const COMPLIANCE_PACK_NAMES = 'AwsSolutions, HIPAA Security and NIST 800-53 rev 5';

/** A finding the construct accepts by design: the rule ids it is reported under, and why. */
export interface AcceptedFinding {
  readonly ids: readonly string[];
  readonly reason: string;
}

/** HIPAA Security and NIST 800-53 rev 5 check these rules alike, each under its own prefix. */
export function hipaaAndNist(rule: string): readonly string[] {
  return [`HIPAA.Security-${rule}`, `NIST.800.53.R5-${rule}`];
}

/** Acknowledges the finding, under each of its ids, on the one construct it concerns. */
export function accept(scope: IConstruct, finding: AcceptedFinding): void {
  for (const id of finding.ids) Validations.of(scope).acknowledge({ id, reason: finding.reason });
}
