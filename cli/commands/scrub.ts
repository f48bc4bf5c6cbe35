import { createReadStream, fstatSync, statSync } from 'node:fs';
import { describeRelease } from '../../shared/codes/describe-release.ts';
import type { NcciSet } from '../../shared/ncci/ncci-edits.ts';
import { describeCounts, escapeControls, openClaimsFile, terminalSafeJson, UnreadableInputError, type ClaimsFile, type IntakeItem } from '../../shared/formats/index.ts';
import { scrubIntakeItem } from '../../shared/scrub/scrub-item.ts';
import type { ScrubData } from '../../shared/scrub/scrub.ts';
import { DataFileError, loadCodes, loadNcci, loadPayers } from '../load-data.ts';
import { HeldOutput } from '../ui/held-output.ts';
import { ReadProgress, type ProgressStream } from '../ui/read-progress.ts';
import { addToTally, emptyTally, renderClaimReport, renderTotals, type ResultOrigin } from '../ui/report.ts';
import { painter } from '../ui/style.ts';
import { terminalLines } from '../ui/terminal-text.ts';
import { parseCommandArgs, UsageError } from '../usage-error.ts';
import { formatOption } from '../format-option.ts';

/** Where scrub draws its progress line, its clock, and how much output it holds in memory: stderr, Date.now and 16 Mi characters, unless a test stands in. */
export interface ScrubUi {
  progress?: ProgressStream;
  now?: () => number;
  heldInMemory?: number;
}

export async function scrubCommand(argv: string[], ui: ScrubUi = {}): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name a claims file, or - for standard input' : 'name exactly one claims file');
  const [source] = positionals as [string];
  const name = source === '-' ? 'standard input' : source;
  const format = formatOption(values.format);
  const progress = new ReadProgress(ui.progress ?? process.stderr, `Reading ${escapeControls(name)}`, { totalBytes: sizeOf(source), ...(ui.now ? { now: ui.now } : {}) });

  let data: ScrubData;
  let file: ClaimsFile;
  // Each claim's output, rendered as it is scrubbed and held until the file has been read.
  const held = new HeldOutput(ui.heldInMemory);
  const totals = emptyTally();
  let allClean = true;
  let rulesetVersion = '';
  const paint = painter(process.stdout);
  const width = Math.min(process.stdout.columns ?? 110, 140);
  try {
    data = {
      codes: loadCodes(values.codes, { cpt: values.cpt, releaseDate: values['release-date'], coversThrough: values['covers-through'] }),
      payers: loadPayers(values['payer-policy']),
      ncci: loadNcciTables(values['ncci-mue'], values['ncci-ptp']),
    };
    const input = counted(source === '-' ? process.stdin : createReadStream(source), progress);
    file = await openClaimsFile(input, format ? { format } : {});
    // Results are printed only once the whole file has read: an X12 envelope error near the end
    // rejects the file, and nothing of it may have gone out by then.
    for await (const item of file.items) {
      const result = scrubIntakeItem(item, data);
      held.add(values.json ? `${terminalSafeJson(JSON.stringify(result))}\n` : `${renderClaimReport(result, originOf(item), paint, width)}\n\n`);
      addToTally(totals, result);
      allClean &&= result.status === 'clean';
      rulesetVersion ||= result.rulesetVersion;
      progress.claimRead();
    }
  } catch (error) {
    progress.done();
    held.discard();
    if (error instanceof DataFileError || error instanceof UnreadableInputError) {
      console.error(`claim-scrubber scrub: ${terminalLines(error.message)}`);
      return 2;
    }
    if (isFileSystemError(error)) {
      console.error(`claim-scrubber scrub: cannot read ${escapeControls(source)}: ${terminalLines(error.message)}`);
      return 2;
    }
    throw error;
  }
  progress.done();

  await held.writeTo(process.stdout);
  if (!values.json) {
    process.stdout.write(`${renderTotals(totals, paint)}\n`);
    const ncci = data.ncci ? ` · NCCI edits ${data.ncci.release}` : '';
    process.stdout.write(`Code release ${describeRelease(data.codes)} · payer policy ${data.payers.version}${ncci} · ruleset ${rulesetVersion}\n`);
    if (file.format !== 'json') process.stderr.write(`${terminalLines(describeCounts(file.counts, name))}\n`);
  }
  return allClean ? 0 : 1;
}

/**
 * The CMS NCCI tables named with --ncci-mue and --ncci-ptp, or none: the project ships no NCCI tables
 * (they carry CPT content under AMA terms), and without them the NCCI rules say nothing.
 */
function loadNcciTables(mue: string[] | undefined, ptp: string[] | undefined): NcciSet | undefined {
  if (mue === undefined && ptp === undefined) return undefined;
  return loadNcci({ mue: mue ?? [], ptp: ptp ?? [] });
}

function originOf(item: IntakeItem): ResultOrigin {
  return item.position.format === 'json' ? { index: item.index, ...(item.position.line === undefined ? {} : { line: item.position.line }) } : { index: item.index };
}

/** The source's bytes, counted for the progress line as the reader takes them. */
async function* counted(source: AsyncIterable<Uint8Array | string>, progress: ReadProgress): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    progress.addBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}

/** The file's size, when it is a regular file (standard input too, when redirected from one). */
function sizeOf(source: string): number | undefined {
  try {
    const stats = source === '-' ? fstatSync(0) : statSync(source);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
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
    'ncci-mue': { type: 'string', multiple: true },
    'ncci-ptp': { type: 'string', multiple: true },
  });
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && 'syscall' in error;
}

