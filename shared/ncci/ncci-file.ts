import { isZipArchive, zipCandidates } from '../codes/zip-archive.ts';
import { isoDate } from '../codes/hcpcs-file.ts';
import type { NcciProgram } from './ncci-edits.ts';

/**
 * What the MUE and PTP file parsers share: the error naming every bad line, CMS's text decoding, the zip
 * CMS ships each table in, and what a CMS file name tells (program, effective date, version).
 */

/** One thing wrong with an NCCI file, at a 1-based line number. */
export interface NcciFileProblem {
  line: number;
  message: string;
}

/** How many problems the error message spells out; the rest stay available on `problems`. */
const PROBLEMS_IN_MESSAGE = 20;

/** An NCCI file cannot be used; `problems` lists every bad row found, so one fix-and-retry cycle suffices. */
export class NcciFileError extends Error {
  override readonly name = 'NcciFileError';
  readonly problems: NcciFileProblem[];

  constructor(message: string, problems: NcciFileProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** Throws one NcciFileError listing the problems (the first 20 in its message) when there are any. */
export function throwIfProblems(fileLabel: string, problems: readonly NcciFileProblem[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `  line ${p.line}: ${p.message}`);
  const more = problems.length > PROBLEMS_IN_MESSAGE ? [`  ... and ${problems.length - PROBLEMS_IN_MESSAGE} more`] : [];
  const noun = problems.length === 1 ? 'problem' : 'problems';
  throw new NcciFileError([`${fileLabel}: ${problems.length} ${noun}; nothing loaded:`, ...shown, ...more].join('\n'), [...problems]);
}

/**
 * CMS's text files as text. CMS calls them Latin-1; Windows-1252 reads Latin-1 the same and also the
 * curly quotes its notices hold. A byte-order mark is dropped.
 */
export function decodeCmsText(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A HCPCS or CPT code as the NCCI tables write it: 5 letters or digits. */
export const NCCI_CODE = /^[A-Z0-9]{5}$/;

/** The file the parser reads: the bytes handed over, or the one table found inside CMS's zip. */
export interface NcciTableFile {
  /** The table file's own name (the zip member's for a zip): the one CMS dates and versions. */
  name: string;
  /** For messages: the name given, and for a zip the member too ("q3.zip: MCR_MUE_….csv"). */
  label: string;
  /** The names that may tell program, date and version: the member's first, then the zip's. */
  names: string[];
  bytes: Uint8Array;
}

/**
 * The table to parse: the bytes themselves, or, for a zip as CMS ships the tables (the table as text
 * and as a spreadsheet, sometimes a read-me), the one member with the extension given whose content
 * `holdsTable` recognises. A zip with none, or several, is refused: guessing could load the wrong table.
 */
export function openNcciTable(
  bytes: Uint8Array,
  fileName: string,
  table: { kind: string; extension: string; expected: string; holdsTable: (bytes: Uint8Array) => boolean },
): NcciTableFile {
  const ownName = baseName(fileName);
  if (!isZipArchive(bytes)) return { name: ownName, label: fileName, names: [ownName], bytes };

  const { entries, members } = zipCandidates(bytes, (entry) => entry.toLowerCase().endsWith(table.extension), (reason) => new NcciFileError(`${fileName}: ${reason}`));
  const candidates = Object.keys(members).sort();
  const holding = candidates.filter((member) => table.holdsTable(members[member] as Uint8Array));
  const listing = entries.length > 0 ? entries.join(', ') : 'nothing';
  if (holding.length === 0) {
    const why = candidates.length === 0 ? `no ${table.extension} file in it` : `no ${table.kind} table in ${candidates.join(', ')}`;
    throw new NcciFileError(`${fileName}: a zip with ${why}; it holds ${listing}. Expected ${table.expected}`);
  }
  if (holding.length > 1) {
    throw new NcciFileError(`${fileName}: several ${table.kind} tables in one zip (${holding.join(', ')}); unzip it and name the one to load`);
  }
  const member = holding[0] as string;
  const memberName = baseName(member);
  return { name: memberName, label: `${fileName}: ${member}`, names: [memberName, ownName], bytes: members[member] as Uint8Array };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * The program a CMS file name names: Medicare's tables start MCR_ (MUE) or ccipra/ccioph (PTP); Medicaid's
 * start MCD (the Medicaid NCCI Edit Design Manual's MCD-MUE-PRA-…, MCD-PTP-PRA-…) or say "medicaid".
 */
export function programFromFileName(names: readonly string[]): NcciProgram | undefined {
  for (const name of names) {
    if (/^MCD[_-]|medicaid/i.test(name)) return 'medicaid';
    if (/^MCR[_-]|^ccipra|^ccioph|medicare/i.test(name)) return 'medicare';
  }
  return undefined;
}

/** "Eff_07-01-2026" or "effective-07-01-2026" in a file name, as 2026-07-01. */
export function effectiveDateFromFileName(names: readonly string[]): string | undefined {
  for (const name of names) {
    const match = /eff(?:ective)?[_ -](\d{2})-(\d{2})-(\d{4})/i.exec(name);
    if (!match) continue;
    const [, month, day, year] = match as unknown as [string, string, string, string];
    const date = isoDate(`${year}${month}${day}`);
    if (date) return date;
  }
  return undefined;
}
