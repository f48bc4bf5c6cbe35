import { basename } from 'node:path';
import type { CodeRecord } from './code-record.ts';
import { isoDateFromEitherForm } from './hcpcs-file.ts';

/**
 * A user's CPT codes, from a file they hold a licence for: AMA CPT content is licensed, so the project
 * ships this loader and never the codes. The format is deliberately plain, what a spreadsheet saves:
 *
 *   code, description, effective date (optional), termination date (optional)
 *
 * CSV (quotes as spreadsheets write them) or TSV, told apart by the first row; a header row whose first
 * column is "code" or "CPT code" is skipped; dates are YYYY-MM-DD or YYYYMMDD; blank lines are skipped.
 */

/** One thing wrong with a CPT file, at a 1-based line number. */
export interface CptFileProblem {
  line: number;
  message: string;
}

export class CptFileError extends Error {
  override readonly name = 'CptFileError';
  readonly problems: CptFileProblem[];

  constructor(message: string, problems: CptFileProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** Five characters: Category I and PLA codes are 4 digits and a digit or U, Category II end in F, III in T. */
export const CPT_CODE = /^\d{4}[0-9FTU]$/;

const HEADER_FIRST_CELL = /^(cpt[ _-]?)?code$|^cpt$/i;
const MAX_COLUMNS = 4;
/** CMS's short descriptor is 28 characters; a CPT record keeps the same shape. */
const SHORT_DESCRIPTION_LENGTH = 28;
const PROBLEMS_IN_MESSAGE = 20;

/** `source` of every record from a user's CPT file, so a scrub result or `explain` shows where a code came from. */
export function cptRecordSource(cptSource: string): string {
  return `user CPT file ${cptSource}`;
}

/** The name a CPT file is known by once loaded (CodeLookup.cptSource): its base name, no folders. */
export function cptSourceName(path: string): string {
  return basename(path);
}

/**
 * Parses a CPT file into procedure records. All-or-nothing: any bad row throws one CptFileError naming
 * every bad line, since a half-loaded CPT file would make some codes look unknown.
 */
export function parseCptFile(bytes: Uint8Array, options: { fileName: string; cptSource: string }): CodeRecord[] {
  const { fileName, cptSource } = options;
  const lines = decode(bytes).split(/\r?\n/);
  const problems: CptFileProblem[] = [];
  const records: CodeRecord[] = [];
  const firstLineOf = new Map<string, number>();
  let delimiter: ',' | '\t' | undefined;

  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    if (line.trim() === '') continue;
    const firstRow = delimiter === undefined;
    delimiter ??= line.includes('\t') ? '\t' : ',';
    const cells = splitRow(line, delimiter);
    if (typeof cells === 'string') {
      problems.push({ line: lineNumber, message: cells });
      continue;
    }
    if (firstRow && HEADER_FIRST_CELL.test(cells[0] ?? '')) continue;
    // Spreadsheets pad rows with empty trailing cells; those are not extra columns.
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();

    const rowProblems: string[] = [];
    if (cells.length > MAX_COLUMNS) {
      rowProblems.push(`${cells.length} columns; expected code, description, effective date, termination date (quote a description that holds a ${delimiter === ',' ? 'comma' : 'tab'})`);
    }
    const [rawCode = '', description = '', rawEffective = '', rawTermination = ''] = cells;
    const code = rawCode.toUpperCase();
    if (!CPT_CODE.test(code)) rowProblems.push(`code ${JSON.stringify(rawCode)} is not a CPT code (5 digits, or 4 digits and F, T or U)`);
    if (description === '') rowProblems.push('description is blank');
    const effective = dateCell(rawEffective, 'effective date', rowProblems);
    const termination = dateCell(rawTermination, 'termination date', rowProblems);
    if (effective && termination && termination < effective) rowProblems.push(`termination date ${termination} is before the effective date ${effective}`);
    const earlier = firstLineOf.get(code);
    if (earlier !== undefined && rowProblems.length === 0) rowProblems.push(`duplicate code ${code} (first at line ${earlier})`);

    if (rowProblems.length > 0) {
      for (const message of rowProblems) problems.push({ line: lineNumber, message });
      continue;
    }
    firstLineOf.set(code, lineNumber);
    const record: CodeRecord = {
      kind: 'procedure',
      code,
      longDescription: description,
      shortDescription: description.length > SHORT_DESCRIPTION_LENGTH ? description.slice(0, SHORT_DESCRIPTION_LENGTH).trimEnd() : description,
      // Where SS belongs is the project's judgement (release-code-set keeps it for 99601/99602), not the file's.
      homeInfusionService: false,
      source: cptRecordSource(cptSource),
    };
    // A CPT file has no CMS coverage or action code; the effective date plays CMS's added and action-effective dates.
    if (effective) {
      record.addedDate = effective;
      record.actionEffectiveDate = effective;
    }
    if (termination) record.terminationDate = termination;
    records.push(record);
  }

  if (problems.length > 0) throw new CptFileError(describeProblems(fileName, problems), problems);
  if (records.length === 0) throw new CptFileError(`CPT file ${fileName}: no CPT codes in it (expected rows of code, description, effective date, termination date)`);
  return records;
}

/** UTF-8 as most tools write it; Windows-1252 when the bytes are not UTF-8, as older Excel saves CSV. */
function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The row's trimmed cells, honouring quotes ("a, b" and "" for a quote); a message when a quote is left open. */
function splitRow(line: string, delimiter: string): string[] | string {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quoted) {
      if (char === '"' && line.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (char === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  if (quoted) return 'a quoted field is not closed (a field cannot span lines)';
  cells.push(cell.trim());
  return cells;
}

function dateCell(raw: string, name: string, problems: string[]): string | undefined {
  if (raw === '') return undefined;
  const iso = isoDateFromEitherForm(raw);
  if (iso === undefined) problems.push(`${name} ${JSON.stringify(raw)} is not a real date as YYYY-MM-DD or YYYYMMDD`);
  return iso;
}

function describeProblems(fileName: string, problems: CptFileProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `  line ${p.line}: ${p.message}`);
  const more = problems.length > PROBLEMS_IN_MESSAGE ? [`  ... and ${problems.length - PROBLEMS_IN_MESSAGE} more`] : [];
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`CPT file ${fileName}: ${problems.length} ${noun}; nothing loaded:`, ...shown, ...more].join('\n');
}
