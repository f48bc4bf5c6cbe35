import type { Claim, ClaimLine } from '../claim/contract.ts';
import type { CodeLookup, CodeRecord } from '../codes/code-record.ts';
import type { PayerLookup } from '../payers/payer-policy.ts';
import { hasModifier } from './claim-facts.ts';
import { claimPayerSettings, daySpanOf, daySpansText, type DaySpan } from './line-days.ts';
import { carriesConcurrencyMarker, concurrencyMarkers, exclusivePair, isDuplicatePerDiem, isTherapyPerDiem, linesInOrder } from './per-diem.ts';
import { defineRule, type MessageData, type Report } from './rule.ts';

type MessageId = 'missingConcurrentModifier' | 'noPrimary' | 'notTherapyPerDiem' | 'missingPayerModifier';

/** One problem of one line, with every day it is found on: reported once, naming the days. */
interface Problem {
  line: ClaimLine;
  messageId: MessageId;
  data: Record<string, string | number>;
  days: DaySpan[];
}

function modifierList(modifiers: readonly string[], joiner: 'and' | 'or'): string {
  return modifiers.length <= 1 ? (modifiers[0] ?? '') : `${modifiers.slice(0, -1).join(', ')} ${joiner} ${modifiers.at(-1) ?? ''}`;
}

/**
 * The days of the therapy lines, cut where a line starts or ends: within a piece the same lines cover
 * every day, so a claim of 50 lines is judged in at most 100 pieces however long its spans.
 */
function pieces(spans: readonly DaySpan[]): DaySpan[] {
  // The bounds sorted, then each run between two different ones: no Set, and no array per span.
  const bounds: number[] = [];
  for (const span of spans) bounds.push(span.first, span.last + 1);
  bounds.sort((a, b) => a - b);
  const result: DaySpan[] = [];
  let from = bounds[0] ?? 0;
  for (let i = 1; i < bounds.length; i++) {
    const to = bounds[i] as number;
    if (to === from) continue;
    result.push({ first: from, last: to - 1 });
    from = to;
  }
  return result;
}

export const perdiemConcurrentMod = defineRule({
  id: 'PERDIEM-CONCURRENT-MOD',
  severity: 'warning',
  payerSettings: ['concurrentModifiers'],
  description: 'On days two or more therapy per diems cover, the concurrent-therapy modifiers (SH on the second, SJ on the third and later) are missing, misplaced or on a line that is not a therapy per diem.',
  explanation:
    'In simple words: when two or more therapies run on the same day, each is billed on its own per-diem line. The first (primary) line carries no concurrency modifier, the second carries SH ("second concurrently administered infusion therapy") and the third and later carry SJ. Without them the payer reads the second therapy as a duplicate, or pays it at the full primary rate and later takes money back; SH or SJ on a line with no primary therapy that day, or on a line that is not a therapy per diem (a nursing visit, a drug, catheter care), is read as an error. Some payers also want a further modifier, such as 59, on every concurrent therapy.',
  remediation:
    'Leave the first therapy\'s per diem without SH or SJ, add SH to the second therapy\'s per diem and SJ to the third and later, and add any further modifier the payer asks for (e.g. 59). Remove SH and SJ from lines that are not therapy per diems, and from a therapy that ran alone on those days. Bill each therapy\'s drug on its own line with its NDC.',
  source:
    'CMS modifier descriptors SH and SJ (H); NHIA 2012 National Coding Standard on the concurrent therapy modifiers (H, public summary only); HMSA, an additional antibiotic the same day billed with SH (H); Blue Cross of Idaho, the first therapy billed is the primary (H); BCBS North Carolina, 59 with SH or SJ on concurrent infusions (H, 2011); Florida Blue via a blog, payment reductions for multiple therapies (M). Payers differ on the modifiers: the payer setting concurrentModifiers, default SH, SJ (NHIA, HMSA), e.g. SH, SJ, 59 for BCBS North Carolina. Therapy per diems are read from the CMS descriptors of the loaded release: the pharmacy per diems except catheter care (S5497-S5502), which is billed for days without another therapy; pairs CMS says not to bill together are PERDIEM-EXCLUSIVE\'s, and the same code twice without SH or SJ is PERDIEM-OVERLAP\'s. The primary is the first line without SH or SJ; a payer that makes the highest charge the primary is not modelled. Secondary-therapy rates differ by contract and are not checked.',
  messages: {
    missingConcurrentModifier: 'Line {{lineNumber}}: {{code}} is the {{position}} therapy per diem on {{days}} (the primary is {{primaryCode}} on line {{primaryLine}}), but lacks {{modifier}}.',
    noPrimary: 'Line {{lineNumber}}: {{code}} carries {{modifier}} on {{days}}, but no therapy per diem without {{markers}} covers those days.',
    notTherapyPerDiem: 'Line {{lineNumber}}: {{code}} carries {{modifier}}, which marks a concurrent therapy\'s per diem, but {{code}} is not a therapy per diem.',
    missingPayerModifier: 'Line {{lineNumber}}: {{code}} is a concurrent therapy per diem on {{days}}; this payer also wants {{modifiers}} on it.',
  },
  concerns: (record) => (record.kind === 'procedure' ? isTherapyPerDiem(record) : record.code === 'SH' || record.code === 'SJ'),
  check({ claim, codes, payers }) {
    // Most claims bill one therapy and mark no line as concurrent: nothing to check, and no lines to sort.
    if (!mayHaveConcurrencyProblem(claim, codes, payers)) return [];
    const modifiers = claimPayerSettings(claim, payers).concurrentModifiers;
    const markers = concurrencyMarkers(modifiers);
    const [second = 'SH', third = 'SJ'] = markers;
    const further = modifiers.slice(2);
    // Made on the first problem: most claims that get this far have none.
    let problems: Map<string, Problem> | undefined;
    const note = (line: ClaimLine, messageId: MessageId, data: Record<string, string | number>, days?: DaySpan) => {
      const key = `${line.lineNumber}|${messageId}|${String(data.modifier ?? data.modifiers ?? '')}`;
      problems ??= new Map<string, Problem>();
      let problem = problems.get(key);
      if (!problem) {
        problem = { line, messageId, data, days: [] };
        problems.set(key, problem);
      }
      if (days) problem.days.push(days);
    };

    const therapies: { line: ClaimLine; record: CodeRecord; span: DaySpan }[] = [];
    for (const line of linesInOrder(claim.lines)) {
      const record = codes.procedure(line.procedureCode);
      // An unknown code is CODE-UNKNOWN's finding: whether it is a therapy per diem cannot be told.
      if (!record) continue;
      if (isTherapyPerDiem(record)) therapies.push({ line, record, span: daySpanOf(line) });
      else if (carriesConcurrencyMarker(line, markers)) {
        note(line, 'notTherapyPerDiem', { code: line.procedureCode, modifier: modifierList(markers.filter((m) => hasModifier(line, m)), 'and') });
      }
    }

    for (const piece of pieces(therapies.map((t) => t.span))) {
      const covering = therapies.filter((t) => t.span.first <= piece.first && t.span.last >= piece.last);
      // A line CMS says not to bill with an earlier one, or a duplicate of one, is not a second therapy.
      const kept: typeof covering = [];
      for (const therapy of covering) {
        if (kept.some((k) => exclusivePair(k.record, therapy.record) !== undefined || isDuplicatePerDiem(k.line, therapy.line, markers))) continue;
        kept.push(therapy);
      }
      const primary = kept.find((t) => !carriesConcurrencyMarker(t.line, markers));
      if (!primary) {
        for (const { line } of kept) {
          note(line, 'noPrimary', { code: line.procedureCode, modifier: modifierList(markers.filter((m) => hasModifier(line, m)), 'and'), markers: modifierList(markers, 'or') }, piece);
        }
        continue;
      }
      // The concurrent therapies, in order: every kept one but the primary.
      let i = 0;
      for (const { line } of kept) {
        if (line === primary.line) continue;
        const modifier = i === 0 ? second : third;
        if (!hasModifier(line, modifier)) {
          note(line, 'missingConcurrentModifier', { code: line.procedureCode, position: i === 0 ? 'second' : 'third or later', modifier, primaryCode: primary.line.procedureCode, primaryLine: primary.line.lineNumber }, piece);
        }
        if (further.length > 0) {
          const missing = further.filter((m) => !hasModifier(line, m));
          if (missing.length > 0) note(line, 'missingPayerModifier', { code: line.procedureCode, modifiers: modifierList(missing, 'and') }, piece);
        }
        i++;
      }
    }

    if (problems === undefined) return [];
    return [...problems.values()]
      .sort((a, b) => a.line.lineNumber - b.line.lineNumber)
      .map(({ line, messageId, data, days }): Report<MessageId> => {
        const filled: MessageData = days.length > 0 ? { ...data, days: daySpansText(days) } : data;
        return { lineNumber: line.lineNumber, messageId, data: filled };
      });
  },
});

/**
 * False when the rule can have nothing to say: fewer than two therapy per diems, and no line carries
 * one of the payer's concurrency markers (read only when some line has a modifier at all).
 */
function mayHaveConcurrencyProblem(claim: Claim, codes: CodeLookup, payers: PayerLookup): boolean {
  let therapies = 0;
  let modified = false;
  for (const line of claim.lines) {
    if (line.modifiers !== undefined && line.modifiers.length > 0) modified = true;
    const record = codes.procedure(line.procedureCode);
    if (record !== undefined && isTherapyPerDiem(record) && ++therapies > 1) return true;
  }
  if (!modified) return false;
  const markers = concurrencyMarkers(claimPayerSettings(claim, payers).concurrentModifiers);
  for (const line of claim.lines) if (carriesConcurrencyMarker(line, markers)) return true;
  return false;
}
