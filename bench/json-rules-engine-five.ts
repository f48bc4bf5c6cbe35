import { readFileSync } from 'node:fs';
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Claim, PayerType, Performer } from '../shared/claim/contract.ts';
import type { CodeLookup } from '../shared/codes/code-record.ts';

/** One finding reduced to what both implementations can be compared on. */
export interface LineFinding {
  ruleId: string;
  lineNumber: number;
}

/**
 * The raw facts of one claim line, as a json-rules-engine user would hand them over. None of them is a
 * rule's answer: the rules in five-rules.json decide from them (SS in modifiers, performedBy is RN, ...).
 */
export interface LineFacts {
  procedureCode: string;
  modifiers: readonly string[];
  modifierCount: number;
  payerType: PayerType;
  performedBy: Performer | null;
  /** The code data's flag for the line's code; null when the code is not in the release. */
  homeInfusionService: boolean | null;
  /** Procedure codes of every line of the claim on this line's service date (the line's own included). */
  sameDateProcedureCodes: readonly string[];
}

/** SS-MEDICARE, SS-BASE-CODE, SD-MISSING, ADDON-NO-PRIMARY and MODIFIER-LIMIT as json-rules-engine JSON rules. */
export const FIVE_RULES_JSON: readonly RuleProperties[] = JSON.parse(
  readFileSync(new URL('./five-rules.json', import.meta.url), 'utf8'),
) as RuleProperties[];

export function createFiveRuleEngine(rules: readonly RuleProperties[] = FIVE_RULES_JSON): Engine {
  const engine = new Engine();
  for (const rule of rules) engine.addRule(rule);
  return engine;
}

export function lineFacts(claim: Claim, codes: CodeLookup): LineFacts[] {
  const codesByDate = new Map<string, string[]>();
  for (const line of claim.lines) {
    const sameDate = codesByDate.get(line.serviceDate);
    if (sameDate) sameDate.push(line.procedureCode);
    else codesByDate.set(line.serviceDate, [line.procedureCode]);
  }
  return claim.lines.map((line) => {
    // json-rules-engine's contains/doesNotContain reject a non-array fact, so "no modifiers" is [].
    const modifiers = line.modifiers ?? [];
    return {
      procedureCode: line.procedureCode,
      modifiers,
      modifierCount: modifiers.length,
      payerType: claim.payer.type,
      performedBy: line.performedBy ?? null,
      homeInfusionService: codes.procedure(line.procedureCode)?.homeInfusionService ?? null,
      sameDateProcedureCodes: codesByDate.get(line.serviceDate) ?? [],
    };
  });
}

/**
 * Runs the engine once per line, one line after another: Engine.run keeps a single `status` field that a
 * finishing run flips to FINISHED, which makes concurrent runs on one engine skip rules.
 */
export async function engineFindings(engine: Engine, claim: Claim, codes: CodeLookup): Promise<LineFinding[]> {
  const findings: LineFinding[] = [];
  const facts = lineFacts(claim, codes);
  for (let i = 0; i < facts.length; i++) {
    const line = claim.lines[i];
    const lineFact = facts[i];
    if (!line || !lineFact) continue;
    const { events } = await engine.run({ ...lineFact });
    for (const event of events) findings.push({ ruleId: event.type, lineNumber: line.lineNumber });
  }
  return findings;
}
