import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { readActiveData, type ActiveData } from '../../shared/aws/active-data.ts';
import { loadCodeData, loadNcciData, removeNcciData, type LoadOutcome, type NcciLoadOutcome } from '../../shared/aws/code-data-loader.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import type { CodeSet } from '../../shared/codes/code-set.ts';
import { cptRecordSource } from '../../shared/codes/cpt-file.ts';
import { describeRelease } from '../../shared/codes/describe-release.ts';
import type { NcciSet } from '../../shared/ncci/ncci-edits.ts';
import type { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { DataFileError, loadCodes, loadNcci, loadPayers } from '../load-data.ts';
import { ProgressBar } from '../ui/progress-bar.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';

export const LOAD_CODE_DATA_USAGE = `Usage: claim-scrubber load-code-data [options]

Loads a CMS HCPCS release (plus the project's CPT home-infusion records, and your CPT file if given)
and a payer policy into the code table under the release's own keys, then switches the scrubber to it.
Claims being scrubbed keep the old release until the switch. Works against the local stack and AWS.

Options:
  --hcpcs <file>          A CMS HCPCS release: the fixed-width file, or the zip CMS publishes it in;
                          default: the bundled 2020 release.
  --release <id>          Release id; default: from the CMS file name, e.g. HCPCS-2019, HCPCS-2026-JAN.
  --release-date <date>   First service date the release applies to (YYYY-MM-DD); default: from the
                          CMS file name (an annual file its year, a quarterly one its quarter).
  --covers-through <date> Last service date it applies to; default: from the CMS file name.
  --cpt <file>            Your licensed CPT codes, loaded with the release (CSV or TSV: code,
                          description, effective date, termination date; see docs/code-data.md).
  --payer-policy <file>   Payer policy JSON; default: data/payer-policy.json.
  --ncci-mue <file>       A CMS NCCI MUE table (the CSV, or the zip CMS publishes it in), Medicare or
                          Medicaid, one per program; repeat for both.
  --ncci-ptp <file>       A CMS NCCI PTP table part (the text file or its zip); repeat for every part
                          (CMS splits a table over 4 files) and program.
  --no-ncci               Switch the scrubber to no NCCI edits. Without --ncci-* or --no-ncci, the NCCI
                          edits the scrubber uses now are kept.
  --table <name>          Default: CODES_TABLE_NAME, else ${DEFAULT_NAMES.codesTable}.
  --endpoint-url <url>    DynamoDB endpoint, e.g. http://127.0.0.1:8000 for the local stack
                          (default: AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else AWS).
  --region <region>       Default: AWS_REGION, else us-east-1.
  --force                 Rewrite a release (or NCCI tables) already loaded.
  --no-activate           Load only; do not switch the scrubber to it.

Given only --ncci-mue/--ncci-ptp or --no-ncci, the command changes the NCCI edits alone: the active
release and payer policy stay (with no release active yet, the bundled ones are loaded with them).
NCCI tables carry CPT content under AMA terms: the project ships none; download them from CMS.

Exit codes: 0 loaded, 2 usage, an unusable data file, or the table could not be written.`;

const PREFIX = 'claim-scrubber load-code-data';

export async function loadCodeDataCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    console.log(LOAD_CODE_DATA_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`takes no file argument (got "${positionals.join(' ')}"); name the release with --hcpcs`);
  // The bundled release has its own id; a --release alone would be silently ignored.
  for (const option of ['release', 'release-date', 'covers-through'] as const) {
    if (values[option] !== undefined && values.hcpcs === undefined) throw new UsageError(`--${option} describes an --hcpcs file; give both`);
  }
  const ncciMue = values['ncci-mue'] ?? [];
  const ncciPtp = values['ncci-ptp'] ?? [];
  const ncciGiven = ncciMue.length > 0 || ncciPtp.length > 0;
  if (ncciGiven && values['no-ncci']) throw new UsageError('--no-ncci removes the NCCI edits; it cannot come with --ncci-mue or --ncci-ptp');
  // Only NCCI options: the release and payer policy the scrubber uses stay, rather than the bundled ones coming back.
  const ncciOnly = (ncciGiven || values['no-ncci']) && !CODE_DATA_OPTIONS.some((option) => values[option] !== undefined);
  if (ncciOnly && values['no-ncci'] && values['no-activate']) throw new UsageError('--no-ncci with --no-activate has nothing to do');
  const connection = awsConnectionFromEnv(process.env);
  if (values.region) connection.region = values.region;
  if (values['endpoint-url']) connection.endpoints.dynamodb = values['endpoint-url'];
  const table = values.table ?? process.env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable;

  let ncci: NcciSet | undefined;
  try {
    // Read first: a bad file stops here, with nothing written.
    ncci = ncciGiven ? loadNcci({ mue: ncciMue, ptp: ncciPtp }) : undefined;
  } catch (error) {
    if (error instanceof DataFileError) {
      console.error(`${PREFIX}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const { dynamodb } = createAwsClients(connection);
  try {
    if (ncciOnly) {
      const active = await readActiveData(dynamodb, table);
      if (active) {
        console.error(ncci ? await loadNcciOnly(dynamodb, table, ncci, values) : describeRemoved(await removeNcciData({ ddb: dynamodb, table })));
        return 0;
      }
    }
  } catch (error) {
    console.error(`${PREFIX}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  let codes: CodeSet;
  let payers: PayerPolicy;
  try {
    codes = loadCodes(values.hcpcs, {
      release: values.release,
      releaseDate: values['release-date'],
      coversThrough: values['covers-through'],
      cpt: values.cpt,
    });
    payers = loadPayers(values['payer-policy']);
  } catch (error) {
    if (error instanceof DataFileError) {
      console.error(`${PREFIX}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const bar = new ProgressBar(`Loading ${codes.release}${ncci ? ', NCCI edits' : ''} and payer policy ${payers.version} into ${table}`);
  let outcome: LoadOutcome;
  try {
    outcome = await loadCodeData({
      ddb: dynamodb,
      table,
      codes,
      payers,
      ncci,
      removeNcci: values['no-ncci'],
      force: values.force,
      activate: !values['no-activate'],
      onProgress: (p) => bar.update(p.written, p.total),
    });
  } catch (error) {
    // An unreachable endpoint or a missing table is the operator's to fix, not a bug: no stack trace.
    console.error(`${PREFIX}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  console.error(describeOutcome(outcome, codes));
  return 0;
}

/** The options that name code data or a payer policy: with none of them, NCCI options change the NCCI edits alone. */
const CODE_DATA_OPTIONS = ['hcpcs', 'release', 'release-date', 'covers-through', 'cpt', 'payer-policy'] as const;

async function loadNcciOnly(ddb: DynamoDBDocumentClient, table: string, ncci: NcciSet, values: { force: boolean; 'no-activate': boolean }): Promise<string> {
  const bar = new ProgressBar(`Loading NCCI edits into ${table}`);
  const outcome = await loadNcciData({ ddb, table, ncci, force: values.force, activate: !values['no-activate'], onProgress: (p) => bar.update(p.written, p.total) });
  const loaded = describeNcci(outcome);
  if (!outcome.active) return `${loaded}\nNot activated (--no-activate): the scrubber still uses ${ncciName(outcome.previous)}.`;
  return `${loaded}\nActive code data: ${outcome.active.codeRelease} / ${outcome.active.payerPolicyVersion}, NCCI ${ncciName(outcome.active)} (was ${ncciName(outcome.previous)}); running scrubbers switch within their cache TTL.`;
}

function describeRemoved(outcome: { previous: ActiveData; active: ActiveData }): string {
  return `Active code data: ${outcome.active.codeRelease} / ${outcome.active.payerPolicyVersion}, no NCCI edits (was ${ncciName(outcome.previous)}); running scrubbers switch within their cache TTL.`;
}

function describeNcci(outcome: NcciLoadOutcome): string {
  const tables = [...outcome.tables.mue.map((p) => `MUE ${p}`), ...outcome.tables.ptp.map((p) => `PTP ${p}`)].join(', ');
  const counts = `${outcome.mueEdits} MUE edits and ${outcome.ptpEdits} PTP edits (${tables})`;
  return outcome.alreadyLoaded ? `NCCI edits ${outcome.release} were already loaded: ${counts}.` : `Loaded NCCI edits ${outcome.release}: ${counts}.`;
}

function ncciName(active: ActiveData | undefined): string {
  return active?.ncciRelease ?? 'no NCCI edits';
}

function describeOutcome(outcome: LoadOutcome, codes: CodeSet): string {
  const { procedures, modifiers } = codes.size;
  const release = describeRelease(codes);
  const cpt = codes.cptSource === undefined ? '' : ` (${countFromCptFile(codes)} from the CPT file)`;
  const loaded = outcome.alreadyLoaded
    ? `${release} was already loaded (${procedures} procedures${cpt}, ${modifiers} modifiers); payer policy ${outcome.payerPolicyVersion} written (${outcome.payersWritten} payers).`
    : `Loaded ${release}: ${procedures} procedures${cpt} and ${modifiers} modifiers; payer policy ${outcome.payerPolicyVersion}: ${outcome.payersWritten} payers.`;
  const withNcci = outcome.ncci ? `${loaded}\n${describeNcci(outcome.ncci)}` : loaded;
  if (!outcome.active) return `${withNcci}\nNot activated (--no-activate): the scrubber still uses the previous release.`;
  const before = outcome.previous ? `${outcome.previous.codeRelease} / ${outcome.previous.payerPolicyVersion}` : 'nothing';
  const ncci = outcome.active.ncciRelease === undefined ? 'no NCCI edits' : `NCCI ${outcome.active.ncciRelease}${outcome.ncci ? '' : ' (kept)'}`;
  return `${withNcci}\nActive code data: ${outcome.active.codeRelease} / ${outcome.active.payerPolicyVersion}, ${ncci} (was ${before}); running scrubbers switch within their cache TTL.`;
}

function countFromCptFile(codes: CodeSet): number {
  const source = cptRecordSource(codes.cptSource ?? '');
  let count = 0;
  for (const record of codes.records()) if (record.source === source) count++;
  return count;
}

function parseOptions(argv: string[]) {
  return parseCommandArgs(argv, {
    hcpcs: { type: 'string' },
    release: { type: 'string' },
    'release-date': { type: 'string' },
    'covers-through': { type: 'string' },
    cpt: { type: 'string' },
    'payer-policy': { type: 'string' },
    table: { type: 'string' },
    'endpoint-url': { type: 'string' },
    region: { type: 'string' },
    'ncci-mue': { type: 'string', multiple: true },
    'ncci-ptp': { type: 'string', multiple: true },
    'no-ncci': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'no-activate': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}
