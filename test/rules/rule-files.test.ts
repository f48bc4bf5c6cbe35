import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../shared/rules/catalog.ts';
import type { Rule } from '../../shared/rules/rule.ts';
import { ruleTableCalls, type RuleTableCall } from './rule-table-calls.ts';

/**
 * The rule-files check, after ESLint's checkRuleFiles: every catalog rule has its module named after
 * its id, a source, a doc page, and a table test that raises each of its messages at least once.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const TEST_DIR = join(ROOT, 'test', 'rules');
const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

const ruleModuleOf = (rule: Rule) => join(ROOT, 'shared', 'rules', `${rule.id.toLowerCase()}.ts`);

/** Every ruleTable call under test/rules, with the catalog rule it tests. */
async function tablesByRule(): Promise<Map<Rule, RuleTableCall[]>> {
  const calls = readdirSync(TEST_DIR)
    .filter((file) => file.endsWith('.test.ts'))
    .flatMap((file) => ruleTableCalls(join(TEST_DIR, file)));
  const byRule = new Map<Rule, RuleTableCall[]>(RULES.map((rule) => [rule, []]));
  for (const call of calls) {
    const module = (await import(call.ruleModule)) as Record<string, unknown>;
    const rule = RULES.find((r) => r === module[call.exportName]);
    if (!rule) throw new Error(`${call.testFile}: ${call.exportName} from ${call.ruleModule} is not a catalog rule`);
    byRule.get(rule)?.push(call);
  }
  return byRule;
}

const tables = await tablesByRule();

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it('has an upper-case, hyphenated id and a source', () => {
    expect(rule.id).toMatch(RULE_ID);
    expect(rule.source.trim()).not.toBe('');
  });

  it('lives in shared/rules/<rule-id>.ts', async () => {
    const module = (await import(ruleModuleOf(rule))) as Record<string, unknown>;
    expect(Object.values(module)).toContain(rule);
  });

  it('has its page in docs/rules', () => {
    expect(existsSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`))).toBe(true);
  });

  it('declares its messages', () => {
    const templates = Object.values(rule.messages);
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) expect(template.trim()).not.toBe('');
  });

  it('has a table test with an invalid case for every message it declares, and none it does not', () => {
    const calls = tables.get(rule) ?? [];
    expect(calls.length, `no ruleTable(${rule.id}) under test/rules`).toBeGreaterThan(0);
    expect(calls.reduce((sum, call) => sum + call.invalidCases, 0)).toBeGreaterThan(0);
    const exercised = new Set(calls.flatMap((call) => call.messageIds));
    expect([...exercised].sort()).toEqual(Object.keys(rule.messages).sort());
  });
});
