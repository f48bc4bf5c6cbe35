import { createReadStream } from 'node:fs';
import type { ScrubResult } from '../../shared/claim/result.ts';
import { describeRelease } from '../../shared/codes/describe-release.ts';
import { describeCounts, openClaimsFile, UnreadableInputError, type ClaimsFile } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';
import { DataFileError, loadCodes, loadPayers } from '../load-data.ts';
import { renderClaimReport, renderTotals, tally, type ResultOrigin } from '../ui/report.ts';
import { painter } from '../ui/style.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';
import { formatOption } from '../format-option.ts';

export async function scrubCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a claims file, or - for standard input' : 'name exactly one claims file');
  const [source] = positionals as [string];
  const format = formatOption(values.format);

  let data: ScrubData;
  let file: ClaimsFile;
  const results: ScrubResult[] = [];
  const origins: ResultOrigin[] = [];
  try {
    data = {
      codes: loadCodes(values.codes, { cpt: values.cpt, releaseDate: values['release-date'], coversThrough: values['covers-through'] }),
      payers: loadPayers(values['payer-policy']),
    };
    file = await openClaimsFile(source === '-' ? process.stdin : createReadStream(source), format ? { format } : {});
    // Results are printed only once the whole file has read: an X12 envelope error near the end
    // rejects the file, and nothing of it may have gone out by then.
    for await (const item of file.items) {
      results.push(scrubIntakeItem(item, data));
      origins.push(item.position.format === 'json' ? { index: item.index, ...(item.position.line === undefined ? {} : { line: item.position.line }) } : { index: item.index });
    }
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

  if (values.json) {
    process.stdout.write(results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  } else {
    const paint = painter(process.stdout);
    const width = Math.min(process.stdout.columns ?? 110, 140);
    const reports = results.map((r, i) => renderClaimReport(r, origins[i] ?? { index: i }, paint, width));
    process.stdout.write(`${reports.join('\n\n')}\n\n${renderTotals(tally(results), paint)}\n`);
    process.stdout.write(`Code release ${describeRelease(data.codes)} · payer policy ${data.payers.version} · ruleset ${results[0]?.rulesetVersion ?? ''}\n`);
    if (file.format !== 'json') process.stderr.write(`${describeCounts(file.counts, source === '-' ? 'standard input' : source)}\n`);
  }
  return results.every((r) => r.status === 'clean') ? 0 : 1;
}

function parseOptions(argv: string[]) {
  return parseCommandArgs(argv, {
    json: { type: 'boolean', default: false },
    'payer-policy': { type: 'string' },
    codes: { type: 'string' },
    cpt: { type: 'string' },
    'release-date': { type: 'string' },
    'covers-through': { type: 'string' },
    format: { type: 'string' },
  });
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}
