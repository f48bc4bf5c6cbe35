import { placeOfServiceOf } from '../claim/contract.ts';
import type { CodeRecord } from '../codes/code-record.ts';
import { VISIT_CODES } from '../codes/visit-codes.ts';
import { hasModifier, isMedicare, SUITE_MODIFIER } from './claim-facts.ts';
import { claimPayerSettings } from './line-days.ts';
import { isHomeInfusionPerDiem } from './per-diem.ts';
import { defineRule, type Report } from './rule.ts';

/** CMS places of service that read as a clinic or office, whatever the payer names as its suite: 11 office, 49 independent clinic. */
const CLINIC_POS: ReadonlySet<string> = new Set(['11', '49']);

const PLACE_NAMES: Readonly<Record<string, string>> = {
  '11': 'office',
  '49': 'independent clinic',
};

/** A home-infusion service: a per diem whose descriptor is "Home infusion therapy, ...", or a 99601/99602 visit. */
function isHomeInfusionServiceLine(record: CodeRecord): boolean {
  return VISIT_CODES.has(record.code) || isHomeInfusionPerDiem(record);
}

export const posSuiteNoSs = defineRule({
  id: 'POS-SUITE-NO-SS',
  severity: 'warning',
  payerSettings: ['suitePos'],
  description: 'A home-infusion per diem or visit (99601/99602) whose place of service (the line\'s own, else the claim\'s) is the payer\'s infusion suite, 11 or 49, without modifier SS.',
  explanation:
    'In simple words: the place of service says the service happened in a clinic, office or the provider\'s infusion suite, but the line bills a home-infusion service without SS, the modifier that says "given in the infusion suite". The payer reads a home per diem billed from a clinic and may deny it or pay it at another rate.',
  remediation:
    'If the service was given in your infusion suite, add SS to the line. If it was given in the patient\'s home, change the place of service to 12 (home), on the line if it carries its own.',
  source:
    'BCBS North Dakota home infusion policy: POS 49 for the home infusion suite, 11 for the office (H); NHIA on infusion suites: SS is used with the per-diem S-codes and the visit codes given in the suite (H, public summary only); Oregon Medicaid OAR 410-148-0300: 99601/99602 with SS in the suite (H). Payers differ on the suite\'s place of service: the payer setting suitePos (default 49; some payers use 11); 11 and 49 are checked for every payer. Not checked for Original Medicare, which pays no suite service (SS-MEDICARE), nor for a payer whose policy does not accept SS (PAYER-SS-NOT-ACCEPTED), where adding SS would be wrong. Home-infusion per diems are read from the CMS descriptors of the loaded release ("Home infusion therapy, ..., per diem").',
  messages: {
    suiteWithoutSs: 'Line {{lineNumber}}: {{code}} has place of service {{pos}} ({{place}}) but no SS.',
  },
  concerns: (record) => (record.kind === 'procedure' ? isHomeInfusionServiceLine(record) : record.code === SUITE_MODIFIER),
  check({ claim, codes, payers }) {
    if (isMedicare(claim) || payers.payer(claim.payer.id)?.acceptsSS === false) return [];
    let suitePos: readonly string[] | undefined;
    const reports: Report<'suiteWithoutSs'>[] = [];
    for (const line of claim.lines) {
      const pos = placeOfServiceOf(claim, line);
      if (pos === undefined || hasModifier(line, SUITE_MODIFIER)) continue;
      suitePos ??= claimPayerSettings(claim, payers).suitePos;
      if (!CLINIC_POS.has(pos) && !suitePos.includes(pos)) continue;
      const record = codes.procedure(line.procedureCode);
      if (!record || !isHomeInfusionServiceLine(record)) continue;
      reports.push({ lineNumber: line.lineNumber, messageId: 'suiteWithoutSs', data: { code: line.procedureCode, pos, place: PLACE_NAMES[pos] ?? 'this payer\'s infusion suite' } });
    }
    return reports;
  },
});
