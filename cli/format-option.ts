import { CLAIM_FORMATS, type ClaimFormat } from '../shared/formats/index.ts';
import { UsageError } from './usage-error.ts';

/** The `--format` option of the commands that read claims files: a claim format, or detect it when absent. */
export function formatOption(value: string | undefined): ClaimFormat | undefined {
  if (value === undefined) return undefined;
  if ((CLAIM_FORMATS as readonly string[]).includes(value)) return value as ClaimFormat;
  throw new UsageError(`--format must be one of ${CLAIM_FORMATS.join(', ')}, got "${value}"`);
}
