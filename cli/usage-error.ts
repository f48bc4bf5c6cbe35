import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs for a subcommand, with its errors (unknown option, missing value) as UsageErrors. */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
