import { escapeControls } from '../claim/safe-text.ts';
import type { MessageData, Report, Rule } from './rule.ts';

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/**
 * Fills a template's {{placeholders}}; like ESLint, a placeholder with no data is left as written.
 * A value may come from the claim (a payer id, a code), so its control characters are escaped: a
 * message reaches terminals, queues and pages, and must not carry what could drive any of them.
 */
export function fillTemplate(template: string, data: MessageData): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(data, name) ? escapeControls(String(data[name])) : whole));
}

/** The data a report's template sees: its own data plus the report's line number. */
export function templateData(report: Pick<Report, 'data' | 'lineNumber'>): MessageData {
  return report.lineNumber === undefined ? (report.data ?? {}) : { lineNumber: report.lineNumber, ...report.data };
}

/** The message text of one report of a rule. */
export function renderMessage(rule: Pick<Rule, 'id' | 'messages'>, report: Pick<Report, 'messageId' | 'data' | 'lineNumber'>): string {
  const template = rule.messages[report.messageId];
  if (template === undefined) throw new Error(`${rule.id} reported message id "${report.messageId}", which it does not declare`);
  return fillTemplate(template, templateData(report));
}
