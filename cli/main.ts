import { explainCommand } from './commands/explain.ts';
import { scrubCommand } from './commands/scrub.ts';
import { UsageError } from './usage-error.ts';

export const USAGE = `Usage: claim-scrubber <command> [options]

Commands:
  scrub <file|->       Scrub claims and print a report. The format is read from the content: claim JSON
                       (one claim, an array, or NDJSON), X12 837P (005010X222A1), or FHIR R4 (a Claim,
                       a Bundle, or NDJSON). For X12 and FHIR the file's counts go to stderr.
      --format <json|x12|fhir>  Read the input as this format instead of detecting it.
      --json                 Print one result per claim as NDJSON, in input order, and nothing else.
      --payer-policy <file>  Use this payer policy JSON instead of the bundled one.
      --codes <file>         Use this CMS HCPCS release (the fixed-width file, or the zip CMS publishes it in)
                             instead of the bundled 2020 release.
      --cpt <file>           Load your licensed CPT codes with it (CSV or TSV: code, description, effective date,
                             termination date; see docs/code-data.md).
      --release-date <date>, --covers-through <date>
                             The service dates the release covers, when its file name does not say (YYYY-MM-DD).
  explain <code|modifier|rule-id>
                       Print the CMS record of a HCPCS code or modifier and the rules that concern it.
      --codes <file>         As above.
  submit <file>        Send claims to the intake queue (local stack or AWS) in batches of 10.
                       Run "claim-scrubber submit --help" for its options.
  load-code-data       Load a CMS HCPCS release and a payer policy into the code table (local stack or
                       AWS) and switch the scrubber to it. Run "claim-scrubber load-code-data --help".

Exit codes: 0 all claims clean, 1 any claim flagged or rejected (explain: not found), 2 usage or unreadable input.`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  scrub: scrubCommand,
  explain: explainCommand,
  // Imported on demand: these two pull in the AWS SDK, which scrub and explain never need.
  submit: async (argv) => (await import('./commands/submit.ts')).submitCommand(argv),
  'load-code-data': async (argv) => (await import('./commands/load-code-data.ts')).loadCodeDataCommand(argv),
};

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`claim-scrubber: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`claim-scrubber ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
