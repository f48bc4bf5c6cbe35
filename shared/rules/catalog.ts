import { addonNoPrimary } from './addon-no-primary.ts';
import { addonSsMissing } from './addon-ss-missing.ts';
import { addonUnits } from './addon-units.ts';
import { codeInactive } from './code-inactive.ts';
import { codeReleasePredatesClaim } from './code-release-predates-claim.ts';
import { codeUnknown } from './code-unknown.ts';
import { cptNotValidated } from './cpt-not-validated.ts';
import { docIncomplete } from './doc-incomplete.ts';
import { docRecordAudit } from './doc-record-audit.ts';
import { drugNdcFormat } from './drug-ndc-format.ts';
import { drugNdcMissing } from './drug-ndc-missing.ts';
import { drugNdcQty } from './drug-ndc-qty.ts';
import { drugNocDesc } from './drug-noc-desc.ts';
import { mcrHitHome } from './mcr-hit-home.ts';
import { mcrHitOnePerDay } from './mcr-hit-one-per-day.ts';
import { medicareNoncovered } from './medicare-noncovered.ts';
import { modifierDuplicate } from './modifier-duplicate.ts';
import { modifierInactive } from './modifier-inactive.ts';
import { modifierLimit } from './modifier-limit.ts';
import { modifierUnknown } from './modifier-unknown.ts';
import { ncciMue } from './ncci-mue.ts';
import { ncciPtp } from './ncci-ptp.ts';
import { nursCredential } from './nurs-credential.ts';
import { nursDup } from './nurs-dup.ts';
import { payerHomeCareBenefit } from './payer-home-care-benefit.ts';
import { payerPolicyUnknown } from './payer-policy-unknown.ts';
import { payerSsNotAccepted } from './payer-ss-not-accepted.ts';
import { perdiemConcurrentMod } from './perdiem-concurrent-mod.ts';
import { perdiemExclusive } from './perdiem-exclusive.ts';
import { perdiemOverlap } from './perdiem-overlap.ts';
import { perdiemUnitsSpan } from './perdiem-units-span.ts';
import { posSuiteNoSs } from './pos-suite-no-ss.ts';
import { prolongedTimeUnbilled } from './prolonged-time-unbilled.ts';
import type { Rule } from './rule.ts';
import { sdMissing } from './sd-missing.ts';
import { sdNotRn } from './sd-not-rn.ts';
import { serviceDateFuture } from './service-date-future.ts';
import { ssBaseCode } from './ss-base-code.ts';
import { ssMedicare } from './ss-medicare.ts';
import { ssPosHome } from './ss-pos-home.ts';

/** Bumped whenever a rule is added, removed, or changes what it reports. Reported on every result. */
export const RULESET_VERSION = '1.2.0';

/** Every scrub rule, in the order a reviewer reads them: dates and code validity, Medicare, SS/SD, visit time, payer, documentation. */
export const RULES: readonly Rule[] = [
  serviceDateFuture,
  codeUnknown,
  cptNotValidated,
  codeReleasePredatesClaim,
  codeInactive,
  modifierUnknown,
  modifierInactive,
  modifierLimit,
  modifierDuplicate,
  ssMedicare,
  medicareNoncovered,
  mcrHitHome,
  mcrHitOnePerDay,
  ssBaseCode,
  ssPosHome,
  posSuiteNoSs,
  sdMissing,
  sdNotRn,
  addonNoPrimary,
  addonSsMissing,
  addonUnits,
  prolongedTimeUnbilled,
  perdiemUnitsSpan,
  perdiemOverlap,
  perdiemExclusive,
  perdiemConcurrentMod,
  nursDup,
  nursCredential,
  drugNdcMissing,
  drugNdcFormat,
  drugNdcQty,
  drugNocDesc,
  ncciMue,
  ncciPtp,
  payerSsNotAccepted,
  payerPolicyUnknown,
  payerHomeCareBenefit,
  docIncomplete,
  docRecordAudit,
];

/** Ids of the rules whose findings mean Medicare will deny the claim (rule metadata `medicareDenial`). */
export const MEDICARE_DENIAL_RULE_IDS: ReadonlySet<string> = new Set(RULES.filter((rule) => rule.medicareDenial).map((rule) => rule.id));

/**
 * Whether a finding means Medicare will deny the claim: an error of a rule marked `medicareDenial`. A
 * warning of such a rule asks the biller to confirm something (MCR-HIT-HOME's "is this place a
 * residence?") and is no denial. The engine's risk flag, the denial alert and the worklist all ask this.
 */
export function meansMedicareDenial(finding: { readonly ruleId: string; readonly severity: string }): boolean {
  return finding.severity === 'error' && MEDICARE_DENIAL_RULE_IDS.has(finding.ruleId);
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id.toUpperCase());
}
