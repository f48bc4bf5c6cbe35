import { parseArgs } from 'node:util';
import { ProgressBar } from '../../cli/progress-bar.ts';
import { DataFileError, loadCodes, loadPayers } from '../../cli/load-data.ts';
import { createAwsClients } from '../../shared/aws/clients.ts';
import { loadCodeData } from '../../shared/aws/code-data-loader.ts';
import { awsConnectionFromEnv, DEFAULT_NAMES } from '../../shared/aws/config.ts';
import { loadCodeDataFile } from '../../shared/files/code-data-files.ts';
import type { CodeSet } from '../../shared/codes/code-set.ts';
import { HcpcsFileError } from '../../shared/codes/hcpcs-file.ts';
import type { PayerPolicy } from '../../shared/payers/payer-policy.ts';

const USAGE = `Usage: npm run load-code-data -- [options]

Loads a CMS HCPCS release (plus the project's CPT home-infusion records) and a payer policy into the
code table under the release's own keys, then switches the scrubber to it. Claims being scrubbed keep
the old release until the switch. Works against the local stack and against AWS.

Options:
  --hcpcs <file>          A CMS HCPCS release file (fixed width); default: the bundled 2020 release.
  --release <id>          Release id; default: from the file name, e.g. HCPCS-2019.
  --payer-policy <file>   Payer policy JSON; default: data/payer-policy.json.
  --table <name>          Default: CODES_TABLE_NAME, else ${DEFAULT_NAMES.codesTable}.
  --endpoint-url <url>    DynamoDB endpoint, e.g. http://127.0.0.1:8000 for the local stack
                          (default: AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else AWS).
  --region <region>       Default: AWS_REGION, else us-east-1.
  --force                 Rewrite a release that is already loaded.
  --no-activate           Load only; do not switch the scrubber to it.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      hcpcs: { type: 'string' },
      release: { type: 'string' },
      'payer-policy': { type: 'string' },
      table: { type: 'string' },
      'endpoint-url': { type: 'string' },
      region: { type: 'string' },
      force: { type: 'boolean', default: false },
      'no-activate': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const connection = awsConnectionFromEnv(process.env);
  if (values.region) connection.region = values.region;
  if (values['endpoint-url']) connection.endpoints.dynamodb = values['endpoint-url'];
  const table = values.table ?? process.env.CODES_TABLE_NAME ?? DEFAULT_NAMES.codesTable;

  let codes: CodeSet;
  let payers: PayerPolicy;
  try {
    codes = values.hcpcs && values.release ? loadCodeDataFile(values.hcpcs, { release: values.release }) : loadCodes(values.hcpcs);
    payers = loadPayers(values['payer-policy']);
  } catch (error) {
    if (error instanceof DataFileError || error instanceof HcpcsFileError) {
      console.error(`load-code-data: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const { dynamodb } = createAwsClients(connection);
  const bar = new ProgressBar(`Loading ${codes.release} and payer policy ${payers.version} into ${table}`);
  const outcome = await loadCodeData({
    ddb: dynamodb,
    table,
    codes,
    payers,
    force: values.force,
    activate: !values['no-activate'],
    onProgress: (p) => bar.update(p.written, p.total),
  });
  const { procedures, modifiers } = codes.size;
  console.error(
    outcome.alreadyLoaded
      ? `${outcome.release} was already loaded (${procedures} procedures, ${modifiers} modifiers); payer policy ${outcome.payerPolicyVersion} written (${outcome.payersWritten} payers).`
      : `Loaded ${outcome.release}: ${procedures} procedures and ${modifiers} modifiers; payer policy ${outcome.payerPolicyVersion}: ${outcome.payersWritten} payers.`,
  );
  if (outcome.active) {
    const before = outcome.previous ? `${outcome.previous.codeRelease} / ${outcome.previous.payerPolicyVersion}` : 'nothing';
    console.error(`Active code data: ${outcome.active.codeRelease} / ${outcome.active.payerPolicyVersion} (was ${before}); running scrubbers switch within their cache TTL.`);
  } else {
    console.error('Not activated (--no-activate): the scrubber still uses the previous release.');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`load-code-data: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
