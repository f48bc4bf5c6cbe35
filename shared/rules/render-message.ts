import { escapeControls } from '../claim/safe-text.ts';
import type { Severity } from '../claim/result.ts';
import { severityOf, type MessageData, type Report, type Rule } from './rule.ts';

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
  return fill(template, data, undefined);
}

/** fillTemplate, with the report's line number as {{lineNumber}} where the data has none. */
function fill(template: string, data: MessageData, lineNumber: number | undefined): string {
  return fillParts(compiled(template), data, lineNumber);
}

function fillParts(parts: CompiledTemplate, data: MessageData, lineNumber: number | undefined): string {
  let text = parts.literals[0] ?? '';
  for (let i = 0; i < parts.names.length; i++) {
    const name = parts.names[i] as string;
    const value = Object.hasOwn(data, name) ? data[name] : name === 'lineNumber' ? lineNumber : undefined;
    // A number's text has no control character to escape.
    const shown = value === undefined ? parts.placeholders[i] : typeof value === 'number' ? String(value) : escapeControls(value);
    text += shown + (parts.literals[i + 1] ?? '');
  }
  return text;
}

/** A template cut at its placeholders: literals[i], then placeholder i (`names[i]`, written `placeholders[i]`), then literals[i + 1]. */
export interface CompiledTemplate {
  literals: string[];
  names: string[];
  placeholders: string[];
}

/**
 * Templates are few (the rules' messages) and rendered for every finding, so each is cut at its
 * placeholders once rather than searched with a regular expression per finding.
 */
const COMPILED = new Map<string, CompiledTemplate>();

function compiled(template: string): CompiledTemplate {
  let parts = COMPILED.get(template);
  if (parts === undefined) {
    parts = { literals: [], names: [], placeholders: [] };
    let from = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      parts.literals.push(template.slice(from, match.index));
      parts.names.push(match[1] ?? '');
      parts.placeholders.push(match[0]);
      from = match.index + match[0].length;
    }
    parts.literals.push(template.slice(from));
    if (COMPILED.size < MAX_COMPILED) COMPILED.set(template, parts);
  }
  return parts;
}

/** A bound on the cache, in case a caller renders templates it builds on the fly. */
const MAX_COMPILED = 10_000;

/** The data a report's template sees: its own data plus the report's line number. */
export function templateData(report: Pick<Report, 'data' | 'lineNumber'>): MessageData {
  return report.lineNumber === undefined ? (report.data ?? {}) : { lineNumber: report.lineNumber, ...report.data };
}

/** The message text of one report of a rule. */
export function renderMessage(rule: Pick<Rule, 'id' | 'messages'>, report: Pick<Report, 'messageId' | 'data' | 'lineNumber'>): string {
  // The same text as fillTemplate(template, templateData(report)), without building the merged data for every finding.
  return fill(templateOf(rule, report.messageId), report.data ?? NO_DATA, report.lineNumber);
}

/** The rule's template for a message id; a check that reports an id its rule does not declare is a bug, refused. */
function templateOf(rule: Pick<Rule, 'id' | 'messages'>, messageId: string): string {
  const template = rule.messages[messageId];
  if (template === undefined) throw new Error(`${rule.id} reported message id "${messageId}", which it does not declare`);
  return template;
}

const NO_DATA: MessageData = {};

/**
 * What the engine needs of one message of a rule, worked out once: its severity and its template, cut
 * at its placeholders. The rule's metadata is read per finding otherwise, from 39 rule objects of as
 * many shapes.
 */
export interface MessagePlan {
  readonly severity: Severity;
  readonly template: CompiledTemplate;
}

export function messagePlan(rule: Pick<Rule, 'id' | 'messages' | 'severity' | 'messageSeverity'>, messageId: string): MessagePlan {
  return { severity: severityOf(rule, messageId), template: compiled(templateOf(rule, messageId)) };
}

/** renderMessage through a plan made by messagePlan for the report's rule and message id. */
export function renderPlanned(plan: MessagePlan, report: Pick<Report, 'data' | 'lineNumber'>): string {
  return fillParts(plan.template, report.data ?? NO_DATA, report.lineNumber);
}
