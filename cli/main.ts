import { explainCommand } from './commands/explain.ts';
import { scrubCommand } from './commands/scrub.ts';
import packageJson from '../package.json' with { type: 'json' };
import { CLAIM_CONTRACT_VERSION } from '../shared/claim/contract.ts';
import { RULESET_VERSION } from '../shared/rules/catalog.ts';
import { UsageError } from './usage-error.ts';

/** Each command's usage, shown for `<command> --help` and under a usage error of that command. */
export const SCRUB_USAGE = `Usage: claim-scrubber scrub <file|-> [options]

Scrub claims and print a report. The format is read from the content: claim JSON (one claim, an
array, or NDJSON), X12 837P (005010X222A1), or FHIR R4 (a Claim, a Bundle, or NDJSON). For X12 and
FHIR the file's counts go to stderr.

Options:
  --format <json|x12|fhir>  Read the input as this format instead of detecting it.
  --json                 Print one result per claim as NDJSON, in input order, and nothing else.
  --payer-policy <file>  Use this payer policy JSON instead of the bundled one.
  --codes <file>         Use this CMS HCPCS release (the fixed-width file, or the zip CMS publishes it in)
                         instead of the bundled 2020 release.
  --cpt <file>           Load your licensed CPT codes with it (CSV or TSV: code, description, effective date,
                         termination date; see docs/code-data.md).
  --release-date <date>, --covers-through <date>
                         The service dates the release covers, when its file name does not say (YYYY-MM-DD).
  --ncci-mue <file>      Check units against this CMS NCCI MUE table (the CSV, or the zip CMS publishes it in;
                         one per program: MCR_… Medicare, MCD_… Medicaid). Repeatable. None are bundled.
  --ncci-ptp <file>      Check code pairs against this CMS NCCI PTP table part (ccipra-v###r#-f#.txt, or its
                         zip). Repeatable: name all four parts of a quarter. See docs/code-data.md.
  -h, --help

Exit codes: 0 all claims clean, 1 any claim flagged or rejected, 2 usage or unreadable input.`;

export const EXPLAIN_USAGE = `Usage: claim-scrubber explain <code|modifier|rule-id|setting> [options]
       claim-scrubber explain --payer <id> [--payer-policy <file>]

Print the CMS record of a HCPCS code or modifier and the rules that concern it, a rule's
explanation, fix and source, a payer billing setting (e.g. ndcRequired) with its values, default
and the rules that read it, or a payer's record with the billing settings the rules apply to it.

Options:
  --codes <file>         Look codes up in this CMS HCPCS release (file or zip) instead of the bundled one.
  --payer <id>           Explain a payer of the payer policy: its record and every billing setting.
  --payer-policy <file>  The payer policy --payer is looked up in; default: the bundled one.
  -h, --help

Exit codes: 0 found, 1 not found, 2 usage or unreadable input.`;

export const USAGE = `Usage: claim-scrubber <command> [options]

Commands:
  scrub <file|->       Scrub claims (claim JSON, X12 837P, FHIR R4) and print a report.
  explain <code|modifier|rule-id|setting>
                       Print the CMS record of a code or modifier and the rules that concern it, a rule,
                       a payer billing setting, or (--payer <id>) a payer's settings.
  submit <file|->      Send claims to the intake queue (local stack or AWS) in batches of 10.
  load-code-data       Load a CMS HCPCS release and a payer policy into the code table (local stack or
                       AWS) and switch the scrubber to it.

Run "claim-scrubber <command> --help" for a command's options.
  -V, --version        Print the version, the ruleset and the claim contract.`;

type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  run: Command;
  usage: () => Promise<string>;
}

const COMMANDS: Record<string, CommandEntry> = {
  scrub: { run: scrubCommand, usage: async () => SCRUB_USAGE },
  explain: { run: explainCommand, usage: async () => EXPLAIN_USAGE },
  // Imported on demand: these two pull in the AWS SDK, which scrub and explain never need.
  submit: { run: async (argv) => (await import('./commands/submit.ts')).submitCommand(argv), usage: async () => (await import('./commands/submit.ts')).SUBMIT_USAGE },
  'load-code-data': {
    run: async (argv) => (await import('./commands/load-code-data.ts')).loadCodeDataCommand(argv),
    usage: async () => (await import('./commands/load-code-data.ts')).LOAD_CODE_DATA_USAGE,
  },
};

export function versionLine(): string {
  return `claim-scrubber ${packageJson.version} (ruleset ${RULESET_VERSION}, claim event contract v${CLAIM_CONTRACT_VERSION})`;
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(versionLine());
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  // Own keys only: "constructor" or "toString" is no command, though every object answers to it.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`claim-scrubber: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(await command.usage());
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`claim-scrubber ${name}: ${error.message}\n\n${await command.usage()}`);
      return 2;
    }
    throw error;
  }
}
