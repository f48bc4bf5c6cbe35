import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs for a subcommand, with its errors (unknown option, missing value) as UsageErrors.
 * An option given an empty value is one too: it is an unset shell variable as a rule
 * (`--payer-policy "$POLICY"`), and taken as absent it would quietly mean the default instead.
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${name} was given an empty value: give it one, or leave the option out`);
  }
  return parsed;
}
