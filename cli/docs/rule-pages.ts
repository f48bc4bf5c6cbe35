import { PAYER_SETTING_DOCS } from '../../shared/payers/payer-setting-docs.ts';
import type { PayerSettingName } from '../../shared/payers/payer-policy.ts';
import { RULES } from '../../shared/rules/catalog.ts';
import { CLAIM_INVALID } from '../../shared/rules/claim-invalid.ts';
import { severitiesOf, severityOf, type Rule } from '../../shared/rules/rule.ts';

/** What a rule page shows. CLAIM-INVALID has no messages of its own: it lists the contract's field errors. */
export type DocumentedRule = Pick<Rule, 'id' | 'severity' | 'description' | 'explanation' | 'remediation' | 'source'> & Partial<Pick<Rule, 'messages' | 'medicareDenial' | 'messageSeverity' | 'payerSettings' | 'needsLoadedData'>>;

export const RULE_DOCS_DIR = 'docs/rules';
const INDEX_PAGE = 'README.md';
/** The payer billing settings, each with the rules that read it. */
export const PAYER_SETTINGS_PAGE = 'payer-settings.md';

/** Every page under docs/rules, by file name: one per catalog rule, one for CLAIM-INVALID, and the index. */
export function ruleDocPages(rules: readonly Rule[] = RULES): Map<string, string> {
  const pages = new Map<string, string>();
  for (const rule of rules) pages.set(rulePageName(rule.id), renderRulePage(rule, `shared/rules/${rule.id.toLowerCase()}.ts`));
  pages.set(rulePageName(CLAIM_INVALID.id), renderRulePage(CLAIM_INVALID, 'shared/rules/claim-invalid.ts'));
  pages.set(INDEX_PAGE, renderRuleIndex(rules));
  pages.set(PAYER_SETTINGS_PAGE, renderPayerSettingsPage(rules));
  return pages;
}

export function rulePageName(ruleId: string): string {
  return `${ruleId}.md`;
}

function generatedFrom(modulePath: string): string {
  return `<!-- Generated from ${modulePath} by \`npm run docs:rules\`. Edit that module and regenerate; do not edit this page. -->`;
}

export function renderRulePage(rule: DocumentedRule, modulePath: string): string {
  const sections = [
    `# ${rule.id}`,
    generatedFrom(modulePath),
    rule.description,
    table(['Severity', 'Medicare denial'], [[severitiesOf(rule).join(' or '), rule.medicareDenial ? 'yes: an error finding sets `medicareDenialRisk` and raises the denial alert' : 'no']]),
    `## What it means\n\n${rule.explanation}`,
    `## What to change\n\n${rule.remediation}`,
    `## Source\n\n${rule.source}`,
    ...loadedDataSection(rule),
    ...settingsSection(rule),
    messagesSection(rule),
    `\`claim-scrubber explain ${rule.id}\` prints this rule in the terminal. [All rules](${INDEX_PAGE})`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function loadedDataSection(rule: DocumentedRule): string[] {
  if (rule.needsLoadedData !== 'ncci-edits') return [];
  return [
    '## Data it needs\n\nThe CMS NCCI edit tables, which the scrubber never ships: an operator loads them (`claim-scrubber load-code-data --ncci-mue <file> --ncci-ptp <file>`, see [NCCI edits](../code-data.md#ncci-edits-mue-and-ptp)). Until they are loaded for the payer\'s program, the rule reports nothing.',
  ];
}

function settingsSection(rule: DocumentedRule): string[] {
  if (!rule.payerSettings || rule.payerSettings.length === 0) return [];
  const links = rule.payerSettings.map((name) => `[\`${name}\`](${PAYER_SETTINGS_PAGE}#${name.toLowerCase()})`);
  return [`## Payer settings\n\nWhat it reports depends on the payer's ${links.join(', ')}: set per payer in the payer policy file.`];
}

/** The rules that read a payer setting, in catalog order. */
export function rulesReading(setting: PayerSettingName, rules: readonly Rule[] = RULES): Rule[] {
  return rules.filter((rule) => rule.payerSettings?.includes(setting));
}

export function renderPayerSettingsPage(rules: readonly Rule[]): string {
  const sections = [
    '# Payer billing settings',
    generatedFrom('shared/payers/payer-setting-docs.ts'),
    'Payers disagree on how per diems, drugs, nursing and the infusion suite are billed, so these settings are per payer, in the payer policy file (see [the payer policy](../contracts.md#payer-policy)). Each is optional: a payer record that leaves one out, or a payer with no record (Original Medicare, say), gets the default. `claim-scrubber explain <setting>` prints a setting in the terminal, and `claim-scrubber explain --payer <id>` a payer\'s settings.',
    ...(Object.entries(PAYER_SETTING_DOCS) as [PayerSettingName, (typeof PAYER_SETTING_DOCS)[PayerSettingName]][]).map(([name, doc]) => {
      const readers = rulesReading(name, rules).map((rule) => `[\`${rule.id}\`](${rulePageName(rule.id)})`);
      return [
        `## ${name}`,
        table(['Values', 'Default', 'Read by'], [[doc.values, doc.defaultText, readers.length > 0 ? readers.join(', ') : 'no rule yet']]),
        doc.why,
      ].join('\n\n');
    }),
  ];
  return `${sections.join('\n\n')}\n`;
}

function messagesSection(rule: DocumentedRule): string {
  if (!rule.messages) {
    return '## Messages\n\nOne message listing every field that breaks claim event contract v1, with its path, e.g. `The claim breaks the contract in 2 places: lines[0].units: ...`.';
  }
  const graded = rule.messageSeverity !== undefined;
  const rows = Object.entries(rule.messages).map(([id, template]) => [`\`${id}\``, ...(graded ? [severityOf(rule, id)] : []), template]);
  return [
    '## Messages',
    'The finding\'s `message` is one of these, with each `{{placeholder}}` filled from the claim; `{{lineNumber}}` is the line the finding is on.',
    table(['Message id', ...(graded ? ['Severity'] : []), 'Text'], rows),
  ].join('\n\n');
}

export function renderRuleIndex(rules: readonly Rule[]): string {
  const denialRules = rules.filter((rule) => rule.medicareDenial).map((rule) => `\`${rule.id}\``);
  const rows = rules.map((rule) => [`[\`${rule.id}\`](${rulePageName(rule.id)})`, severitiesOf(rule).join(' or '), rule.description]);
  const sections = [
    '# Scrub rules',
    generatedFrom('shared/rules/catalog.ts'),
    'Every rule the scrubber runs on a claim, in the order a reviewer reads them: code validity, Medicare, SS/SD, visit time, payer, documentation. Each page gives the plain-words explanation, what to change on the claim, where the rule comes from, and the messages its findings carry.',
    table(['Rule', 'Severity', 'What it checks'], rows),
    `Several rules depend on the payer's [billing settings](${PAYER_SETTINGS_PAGE}) (how per-diem days count, the concurrent-therapy modifiers, the suite's place of service, whether drugs need an NDC, LPN nursing, NCCI): each rule's page names the ones it reads.`,
    `An error finding of ${denialRules.join(', ')} means Medicare will deny the claim: the result's \`medicareDenialRisk\` is true and the scrub function sends the denial alert.`,
    `[\`${CLAIM_INVALID.id}\`](${rulePageName(CLAIM_INVALID.id)}) is not a rule of the catalog: it is the one finding of a claim that breaks the claim event contract, which no rule runs on.`,
  ];
  return `${sections.join('\n\n')}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A pipe would end the table cell; a line break would end the row. */
function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
