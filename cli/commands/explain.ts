import { ACTION_MEANINGS, COVERAGE_MEANINGS, type CodeRecord } from '../../shared/codes/code-record.ts';
import type { CodeSet } from '../../shared/codes/code-set.ts';
import { RULES, findRule } from '../../shared/rules/catalog.ts';
import { isCptShapedCode, isCptShapedModifier } from '../../shared/rules/claim-facts.ts';
import { cptNotValidated } from '../../shared/rules/cpt-not-validated.ts';
import { CLAIM_INVALID } from '../../shared/rules/claim-invalid.ts';
import { severitiesOf, type Rule } from '../../shared/rules/rule.ts';
import { findPayerSetting, PAYER_SETTING_DOCS } from '../../shared/payers/payer-setting-docs.ts';
import { payerSettings, type PayerRecord, type PayerSettingName } from '../../shared/payers/payer-policy.ts';
import { rulesReading } from '../docs/rule-pages.ts';
import { DataFileError, loadCodes, loadPayers } from '../load-data.ts';
import { painter, type Paint } from '../ui/style.ts';
import { wrap } from '../ui/table.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';

export async function explainCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const paint = painter(process.stdout);
  const width = Math.min(process.stdout.columns ?? 100, 120);
  if (values.payer !== undefined) {
    if (positionals.length > 0) throw new UsageError(`--payer explains a payer; name no code, rule or setting with it (got "${positionals.join(' ')}")`);
    return explainPayer(values.payer, values['payer-policy'], paint, width);
  }
  if (values['payer-policy'] !== undefined) throw new UsageError('--payer-policy names the policy file --payer <id> is looked up in; give both');
  if (positionals.length !== 1) throw new UsageError('name one HCPCS code (e.g. S9500), modifier (e.g. SS), rule id (e.g. SS-MEDICARE) or payer setting (e.g. ndcRequired)');
  const setting = findPayerSetting(positionals[0] ?? '');
  if (setting) {
    process.stdout.write(`${renderSetting(setting, paint, width)}\n`);
    return 0;
  }
  const wanted = (positionals[0] ?? '').trim().toUpperCase();

  const rule = wanted === CLAIM_INVALID.id ? CLAIM_INVALID : findRule(wanted);
  if (rule) {
    process.stdout.write(`${renderRule(rule, paint, width, '')}\n`);
    return 0;
  }

  let codes: CodeSet;
  try {
    codes = loadCodes(values.codes);
  } catch (error) {
    if (error instanceof DataFileError) {
      console.error(`claim-scrubber explain: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const isModifier = wanted.length === 2;
  const record = isModifier ? codes.modifier(wanted) : codes.procedure(wanted);
  // Absent from the data proves nothing about a CPT code when no licensed CPT file is loaded, nor ever about a CPT
  // modifier (a CPT file loads codes only): say so, as the scrub does.
  if (!record && isModifier && isCptShapedModifier(wanted)) {
    console.error(`claim-scrubber explain: ${wanted} looks like a CPT modifier. CPT modifiers are licensed by the AMA and no code data the scrubber loads holds them; check it against your CPT book (rule ${cptNotValidated.id}).`);
    return 1;
  }
  if (!record && !isModifier && codes.cptSource === undefined && isCptShapedCode(wanted)) {
    console.error(
      `claim-scrubber explain: ${wanted} looks like a CPT code. CPT is licensed by the AMA and is not in code release ${codes.release}, and no CPT file is loaded, so it cannot be looked up; load your licensed CPT file to check it (rule ${cptNotValidated.id}).`,
    );
    return 1;
  }
  if (!record) {
    console.error(`claim-scrubber explain: ${wanted} is not a ${isModifier ? 'modifier' : 'procedure code'} in code release ${codes.release}.`);
    return 1;
  }
  process.stdout.write(`${renderRecord(record, codes.release, paint)}\n`);
  const concerned = RULES.filter((r) => r.concerns?.(record));
  if (concerned.length > 0) {
    process.stdout.write(`\n${paint('bold', `Rules that concern ${record.code}:`)}\n`);
    process.stdout.write(`${concerned.map((r) => renderRule(r, paint, width, '  ')).join('\n\n')}\n`);
  }
  return 0;
}

function renderRecord(record: CodeRecord, release: string, paint: Paint): string {
  const rows: [string, string][] = [
    ['Long description', record.longDescription],
    ['Short description', record.shortDescription],
    ['Coverage code', record.coverage ? `${record.coverage} (${COVERAGE_MEANINGS[record.coverage]})` : 'none given'],
    ['BETOS', record.betos ?? 'none given'],
    ['Added', readableDate(record.addedDate)],
    ['Action effective', readableDate(record.actionEffectiveDate)],
    ['Terminated', record.terminationDate ? readableDate(record.terminationDate) : 'no (still active)'],
    ['Action code', record.actionCode ? `${record.actionCode} (${ACTION_MEANINGS[record.actionCode]})` : 'none given'],
  ];
  if (record.kind === 'procedure') {
    rows.push(['Home-infusion service', record.homeInfusionService ? 'yes: modifier SS may be appended' : 'no: modifier SS does not belong on it']);
  }
  rows.push(['Source', record.source === 'project' ? 'project data file (CPT code; not in the CMS Level II file)' : `CMS HCPCS release ${release}`]);
  const label = Math.max(...rows.map(([k]) => k.length));
  return [
    paint('bold', `${record.code}  ${record.kind === 'modifier' ? 'HCPCS modifier' : 'HCPCS procedure code'}`),
    ...rows.map(([k, v]) => `  ${k.padEnd(label)}  ${v}`),
  ].join('\n');
}

function renderRule(rule: Pick<Rule, 'id' | 'severity' | 'messageSeverity' | 'description' | 'explanation' | 'remediation' | 'source'>, paint: Paint, width: number, margin: string): string {
  const body = (text: string) => wrap(text, width - margin.length - 2).map((l) => `${margin}  ${l}`);
  return [
    `${margin}${paint('bold', rule.id)} (${severitiesOf(rule).join(' or ')}): ${rule.description}`,
    ...body(rule.explanation),
    ...body(`To fix: ${rule.remediation}`),
    ...body(`Source: ${rule.source}`),
  ].join('\n');
}

const LONG_DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function readableDate(iso: string | undefined): string {
  if (!iso) return 'none given';
  return `${LONG_DATE.format(new Date(`${iso}T00:00:00Z`))} (${iso})`;
}

function parseOptions(argv: string[]) {
  return parseCommandArgs(argv, { codes: { type: 'string' }, payer: { type: 'string' }, 'payer-policy': { type: 'string' } });
}

function renderSetting(name: PayerSettingName, paint: Paint, width: number): string {
  const doc = PAYER_SETTING_DOCS[name];
  const body = (text: string) => wrap(text, width - 2).map((l) => `  ${l}`);
  const readers = rulesReading(name).map((rule) => rule.id);
  return [
    `${paint('bold', name)} (payer billing setting)`,
    ...body(`Values: ${doc.values}`),
    ...body(`Default: ${doc.defaultText}`),
    ...body(`Why: ${doc.why}`),
    ...body(`Read by: ${readers.length > 0 ? readers.join(', ') : 'no rule yet'}`),
  ].join('\n');
}

/** A payer's record as the policy holds it, and every billing setting with the value rules will read. */
function explainPayer(id: string, policyPath: string | undefined, paint: Paint, width: number): number {
  let record: PayerRecord | undefined;
  let version: string;
  try {
    const policy = loadPayers(policyPath);
    record = policy.payer(id.trim());
    version = policy.version;
  } catch (error) {
    if (error instanceof DataFileError) {
      console.error(`claim-scrubber explain: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!record) {
    console.error(`claim-scrubber explain: payer ${id} is not in payer policy ${version}; a claim naming it gets PAYER-POLICY-UNKNOWN and the defaults of its payer type.`);
    return 1;
  }
  const settings = payerSettings(record);
  const rows: [string, string][] = [
    ['Name', record.name],
    ['Type', record.type],
    ['Accepts SS', record.acceptsSS ? 'yes' : 'no'],
    ...(record.benefit ? [['Benefit', record.benefit] as [string, string]] : []),
    ...(record.source ? [['Source', record.source] as [string, string]] : []),
    ...(Object.keys(PAYER_SETTING_DOCS) as PayerSettingName[]).map((name): [string, string] => {
      const value = settings[name];
      const shown = Array.isArray(value) ? `[${value.map((v) => `"${String(v)}"`).join(', ')}]` : String(value);
      return [name, `${shown}${record[name] === undefined ? ' (default)' : ''}`];
    }),
  ];
  const label = Math.max(...rows.map(([k]) => k.length));
  const indent = ' '.repeat(label + 4);
  const lines = rows.flatMap(([k, v]) => wrap(v, width - indent.length).map((text, i) => (i === 0 ? `  ${k.padEnd(label)}  ${text}` : `${indent}${text}`)));
  process.stdout.write(`${[paint('bold', `${record.id}  payer in policy ${version}`), ...lines].join('\n')}\n`);
  return 0;
}
