import { distinctModifiers, isCptShapedCode, isCptShapedModifier } from './claim-facts.ts';
import { defineRule, type Report } from './rule.ts';

export const cptNotValidated = defineRule({
  id: 'CPT-NOT-VALIDATED',
  severity: 'info',
  description:
    'A CPT code the code data does not hold while no licensed CPT file is loaded, or a numeric CPT modifier the code data does not hold (a CPT file loads codes only).',
  explanation:
    'In simple words: CPT codes (five digits, such as 99213) and their numeric modifiers (such as 59) belong to the American Medical Association, which licenses them. They are not in the free CMS code file the scrubber uses, so without your own CPT file the scrubber cannot tell whether a CPT code is right; CPT modifiers are not in a CPT code file either. It is not reported as wrong; it is simply not checked.',
  remediation:
    'Nothing to change if the code is right. To have CPT codes checked, load your licensed CPT file with the code data (load-code-data, or --cpt) and scrub again; then an unknown CPT code is an error (CODE-UNKNOWN). Check a CPT modifier against your CPT book: no file the scrubber loads holds them.',
  source:
    'AMA: CPT is copyrighted and a product that contains CPT codes needs an AMA licence (AMA CPT FAQ; CMS/MAC end-user agreement, e.g. CGS). The CMS HCPCS Level II file holds no Level I (CPT) codes or modifiers; the project\'s own file holds 99601/99602 only. Shapes: CPT Level I codes are five digits, Category II/III and PLA codes four digits and F, T or U; CPT modifiers are two digits (and 1P-8P for Category II).',
  messages: {
    cptCode: 'Line {{lineNumber}}: CPT code {{code}} not validated — load your licensed CPT file to check it.',
    cptModifier: 'Line {{lineNumber}}: CPT modifier {{modifier}} not validated — CPT modifiers are not in the code data (a CPT file loads codes only); check it against your CPT book.',
  },
  check({ claim, codes }) {
    // With a licensed CPT file loaded, a CPT code the data lacks is CODE-UNKNOWN's error; modifiers stay unvalidated either way.
    const cptCodesUnchecked = codes.cptSource === undefined;
    const reports: Report<'cptCode' | 'cptModifier'>[] = [];
    for (const line of claim.lines) {
      const code = line.procedureCode;
      // The lookup first: nearly every code is in the data, and it is cheaper than the pattern.
      if (cptCodesUnchecked && !codes.procedure(code) && isCptShapedCode(code)) reports.push({ lineNumber: line.lineNumber, messageId: 'cptCode', data: { code } });
      for (const modifier of distinctModifiers(line)) {
        if (isCptShapedModifier(modifier) && !codes.modifier(modifier)) reports.push({ lineNumber: line.lineNumber, messageId: 'cptModifier', data: { modifier } });
      }
    }
    return reports;
  },
});
