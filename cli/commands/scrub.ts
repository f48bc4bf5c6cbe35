import { parseArgs } from 'node:util';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { rejectedResult, scrubInput, type ScrubData } from '../../shared/scrub/scrub.ts';
import { DataFileError, loadCodes, loadPayers } from '../load-data.ts';
import { readInput } from '../read-input.ts';
import { splitClaimsDocument, UnreadableInputError, type ClaimInputItem } from '../read-claims.ts';
import { renderClaimReport, renderTotals, tally } from '../report.ts';
import { painter } from '../style.ts';
import { UsageError } from '../usage-error.ts';

export async function scrubCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a claims file, or - for standard input' : 'name exactly one claims file');
  const [source] = positionals as [string];

  let items: ClaimInputItem[];
  let data: ScrubData;
  try {
    data = { codes: loadCodes(values.codes), payers: loadPayers(values['payer-policy']) };
    items = splitClaimsDocument(await readInput(source));
  } catch (error) {
    if (error instanceof DataFileError || error instanceof UnreadableInputError) {
      console.error(`claim-scrubber scrub: ${error.message}`);
      return 2;
    }
    if (isFileSystemError(error)) {
      console.error(`claim-scrubber scrub: cannot read ${source}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const results = items.map((item) => scrubItem(item, data));
  if (values.json) {
    process.stdout.write(results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  } else {
    const paint = painter(process.stdout);
    const width = Math.min(process.stdout.columns ?? 110, 140);
    const reports = results.map((r, i) => renderClaimReport(r, items[i] ?? { index: i }, paint, width));
    process.stdout.write(`${reports.join('\n\n')}\n\n${renderTotals(tally(results), paint)}\n`);
    process.stdout.write(`Code release ${data.codes.release} · payer policy ${data.payers.version} · ruleset ${results[0]?.rulesetVersion ?? ''}\n`);
  }
  return results.every((r) => r.status === 'clean') ? 0 : 1;
}

function scrubItem(item: ClaimInputItem, data: ScrubData): ScrubResult {
  if (item.parseError !== undefined) return rejectedResult(null, [{ path: '', message: item.parseError }], data);
  return scrubInput(item.value, data);
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'payer-policy': { type: 'string' },
        codes: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}
