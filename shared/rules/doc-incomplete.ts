import type { Claim } from '../claim/contract.ts';
import { hasLineWithModifier, hasModifier, SUITE_MODIFIER } from './claim-facts.ts';
import { defineRule } from './rule.ts';

/** The elements a suite claim's record must hold, in the order a reviewer reads them. */
export function missingSuiteDocumentation(claim: Claim): string[] {
  const doc = claim.documentation ?? {};
  const missing: string[] = [];
  if (doc.medicalNecessity !== true) missing.push('medical necessity');
  if (doc.suiteRationale !== true) missing.push('why the suite and not the home');
  if (!doc.therapyType?.trim()) missing.push('therapy type');
  if (doc.infusionMinutes === undefined && !claim.lines.some((line) => line.infusionMinutes !== undefined && hasModifier(line, SUITE_MODIFIER))) {
    missing.push('infusion duration');
  }
  if (!hasNonBlankItem(doc.medications) && !hasNonBlankItem(doc.supplies)) missing.push('medications or supplies');
  if (!doc.suiteTimeIn || !doc.suiteTimeOut) missing.push('suite time in and out');
  else if (Date.parse(doc.suiteTimeOut) <= Date.parse(doc.suiteTimeIn)) missing.push('suite time out after time in');
  return missing;
}

function hasNonBlankItem(items: readonly string[] | undefined): boolean {
  return items?.some((item) => item.trim() !== '') ?? false;
}

export const docIncomplete = defineRule({
  id: 'DOC-INCOMPLETE',
  severity: 'warning',
  description: 'An infusion-suite (SS) claim whose documentation lacks one or more expected elements.',
  explanation:
    'In simple words: when a payer reviews an infusion-suite claim, it expects the record to show why the infusion was needed, why it was given in the suite and not at home, what therapy it was, how long it ran, which drugs and supplies were used, and when the patient arrived at and left the suite. Missing pieces are the usual reason a suite claim is denied on review.',
  remediation:
    'Complete the patient\'s record with every element named in the message (and set the matching fields in the claim\'s documentation block) before the claim goes out.',
  source:
    'Product guidance for SS documentation (iframe.ai SS reference; low confidence) and payer practice: BCBS Michigan requires documented start and stop times for 99602.',
  messages: {
    missingElements: 'Documentation for this infusion-suite claim lacks: {{missing}}.',
  },
  concerns: (record) => record.kind === 'modifier' && record.code === SUITE_MODIFIER,
  check({ claim }) {
    if (!hasLineWithModifier(claim, SUITE_MODIFIER)) return [];
    const missing = missingSuiteDocumentation(claim);
    if (missing.length === 0) return [];
    return [{ messageId: 'missingElements', data: { missing: missing.join(', ') } }];
  },
});
