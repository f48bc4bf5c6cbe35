import { createAwsClients } from '../../shared/aws/clients.ts';
import { loadCodeData, type LoadOutcome } from '../../shared/aws/code-data-loader.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import type { CodeSet } from '../../shared/codes/code-set.ts';
import { cptRecordSource } from '../../shared/codes/cpt-file.ts';
import { describeRelease } from '../../shared/codes/describe-release.ts';
import type { PayerPolicy } from '../../shared/payers/payer-policy.ts';
import { DataFileError, loadCodes, loadPayers } from '../load-data.ts';
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
  --table <name>          Default: CODES_TABLE_NAME, else ${DEFAULT_NAMES.codesTable}.
  --endpoint-url <url>    DynamoDB endpoint, e.g. http://127.0.0.1:8000 for the local stack
                          (default: AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else AWS).
  --region <region>       Default: AWS_REGION, else us-east-1.
  --force                 Rewrite a release that is already loaded.
  --no-activate           Load only; do not switch the scrubber to it.

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
  const connection = awsConnectionFromEnv(process.env);
  if (values.region) connection.region = values.region;
  if (values['endpoint-url']) connection.endpoints.dynamodb = values['endpoint-url'];
  const table = values.table ?? process.env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable;

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

  const { dynamodb } = createAwsClients(connection);
  const bar = new ProgressBar(`Loading ${codes.release} and payer policy ${payers.version} into ${table}`);
  let outcome: LoadOutcome;
  try {
    outcome = await loadCodeData({
      ddb: dynamodb,
      table,
      codes,
      payers,
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

function describeOutcome(outcome: LoadOutcome, codes: CodeSet): string {
  const { procedures, modifiers } = codes.size;
  const release = describeRelease(codes);
  const cpt = codes.cptSource === undefined ? '' : ` (${countFromCptFile(codes)} from the CPT file)`;
  const loaded = outcome.alreadyLoaded
    ? `${release} was already loaded (${procedures} procedures${cpt}, ${modifiers} modifiers); payer policy ${outcome.payerPolicyVersion} written (${outcome.payersWritten} payers).`
    : `Loaded ${release}: ${procedures} procedures${cpt} and ${modifiers} modifiers; payer policy ${outcome.payerPolicyVersion}: ${outcome.payersWritten} payers.`;
  if (!outcome.active) return `${loaded}\nNot activated (--no-activate): the scrubber still uses the previous release.`;
  const before = outcome.previous ? `${outcome.previous.codeRelease} / ${outcome.previous.payerPolicyVersion}` : 'nothing';
  return `${loaded}\nActive code data: ${outcome.active.codeRelease} / ${outcome.active.payerPolicyVersion} (was ${before}); running scrubbers switch within their cache TTL.`;
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
    force: { type: 'boolean', default: false },
    'no-activate': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}
