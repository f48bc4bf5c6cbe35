import { isoDate } from '../codes/hcpcs-file.ts';
import { NCCI_PROGRAMS, PTP_MODIFIER_INDICATOR_MEANINGS, type NcciProgram, type PtpEdit, type PtpModifierIndicator } from './ncci-edits.ts';
import { decodeCmsText, NCCI_CODE, NcciFileError, openNcciTable, programFromFileName, throwIfProblems, type NcciFileProblem } from './ncci-file.ts';

/**
 * CMS's PTP table as published: the practitioner edits in four parts a quarter (ccipra-v322r0-f1.txt …
 * -f4.txt; ccioph-… for outpatient hospitals), each in a zip with the same part as a spreadsheet. A
 * Latin-1, tab-delimited text file: CMS's AMA/CPT notice and a title first, then the header, which
 * CMS wraps over several lines ("Column 1", "Column 2", "*=in existence prior to 1996", "Effective
 * Date", "Deletion Date *=no data", "Modifier 0=not allowed 1=allowed 9=not applicable", "PTP Edit
 * Rationale"), then one row per edit:
 *
 *   column 1 code, column 2 code, "*" or blank, effective YYYYMMDD, deletion YYYYMMDD or "*", 0|1|9, rationale
 *
 * The header is found by its first two cells, "Column 1" and "Column 2"; the lines of the wrapped header
 * after it are passed over up to the first line holding two codes or an effective date, and from there
 * every line must be a row. The version (v322r0) is in the file name only.
 */

export interface PtpFile {
  /** The table file's name (inside the zip, for a zip). */
  fileName: string;
  program: NcciProgram;
  /** The NCCI version from the file name, e.g. "v322r0" (version 32.2, revision 0). */
  version: string;
  /** The part of the quarter's table (1 to 4 for ccipra-…-f1 to -f4), when the name says it. */
  part?: number;
  /** Whose services: "practitioner" (ccipra) or "outpatient hospital" (ccioph). */
  setting: string;
  edits: PtpEdit[];
}

export interface ParsePtpOptions {
  /** Named in messages; its base name (or the zip member's) gives the program and version. */
  fileName: string;
  /** The program, when the file name does not say it. */
  program?: NcciProgram | undefined;
  /** The version, when the file name does not say it. */
  version?: string | undefined;
}

const EXPECTED =
  'a CMS PTP table: tab-delimited text with CMS\'s notice, then the header "Column 1", "Column 2", "*=in existence prior to 1996", "Effective Date", "Deletion Date", "Modifier", "PTP Edit Rationale", then one row per edit (e.g. ccipra-v322r0-f1.txt, or the zip CMS publishes it in)';

const COLUMNS = 7;

/**
 * Parses one part of a CMS PTP table (the text file, or CMS's zip holding it). All-or-nothing: any bad
 * row throws one NcciFileError naming every bad line. The same pair may appear more than once (CMS
 * deletes and re-adds pairs); every row is kept, and the rule reads the one in force on the service date.
 */
export function parsePtpFile(bytes: Uint8Array, options: ParsePtpOptions): PtpFile {
  const file = openNcciTable(bytes, options.fileName, { kind: 'PTP', extension: '.txt', expected: EXPECTED, holdsTable: holdsPtpTable });
  const label = file.label;
  const text = decodeCmsText(file.bytes);
  if (text.trim() === '') throw new NcciFileError(`${label}: the file is empty; expected ${EXPECTED}`);

  const lines = text.split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex(isHeaderLine);
  if (headerIndex < 0) {
    const hint = lines.some((line) => /^"?column 1"?\s*[,;|]\s*"?column 2/i.test(line.trim())) ? ' (the header is not tab-delimited; CMS\'s PTP text file separates its columns with tabs)' : '';
    throw new NcciFileError(`${label}: no PTP header row found${hint}; expected ${EXPECTED}`, [{ line: 1, message: 'no PTP header row found' }]);
  }

  const program = options.program ?? programFromFileName(file.names);
  if (program === undefined || !NCCI_PROGRAMS.includes(program)) {
    throw new NcciFileError(`${label}: cannot tell the program from the file name; name it (medicare or medicaid), or keep CMS's name (ccipra-… for Medicare practitioner edits, MCD… or "medicaid" for Medicaid)`);
  }
  const version = options.version ?? versionFromFileName(file.names);
  if (version === undefined) {
    throw new NcciFileError(`${label}: cannot tell the version from the file name; keep CMS's name (ccipra-v322r0-f1.txt) or give the version`);
  }

  const problems: NcciFileProblem[] = [];
  const edits: PtpEdit[] = [];
  let inHeader = true;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    const cells = line.split('\t').map((cell) => cell.trim());
    // The wrapped header's further lines (text under the later columns, or the rest of a quoted header
    // cell) hold neither two codes nor a date; the first line that does is the first row.
    if (inHeader && !looksLikeRow(cells)) continue;
    inHeader = false;
    while (cells.length > COLUMNS && cells.at(-1) === '') cells.pop();

    const rowProblems: string[] = [];
    if (cells.length < COLUMNS - 1 || cells.length > COLUMNS) {
      const delimiter = cells.length === 1 && line.includes(',') ? ' (comma-separated? the columns must be separated by tabs)' : '';
      problems.push({ line: lineNumber, message: `${cells.length} columns; expected ${COLUMNS}: column 1, column 2, *, effective date, deletion date, modifier indicator, rationale${delimiter}` });
      continue;
    }
    const [rawColumn1 = '', rawColumn2 = '', prior1996 = '', rawEffective = '', rawDeletion = '', rawIndicator = '', rationale = ''] = cells;
    const column1 = rawColumn1.toUpperCase();
    const column2 = rawColumn2.toUpperCase();
    if (!NCCI_CODE.test(column1)) rowProblems.push(`column 1 code ${JSON.stringify(rawColumn1)} is not 5 letters or digits`);
    if (!NCCI_CODE.test(column2)) rowProblems.push(`column 2 code ${JSON.stringify(rawColumn2)} is not 5 letters or digits`);
    if (prior1996 !== '' && prior1996 !== '*') rowProblems.push(`"in existence prior to 1996" is ${JSON.stringify(prior1996)}; expected "*" or blank`);
    const effective = isoDate(rawEffective);
    if (effective === undefined) rowProblems.push(`effective date ${JSON.stringify(rawEffective)} is not a valid YYYYMMDD date`);
    const deleted = rawDeletion === '*' ? undefined : isoDate(rawDeletion);
    if (rawDeletion !== '*' && deleted === undefined) rowProblems.push(`deletion date ${JSON.stringify(rawDeletion)} is not a valid YYYYMMDD date or "*" (none)`);
    if (!isModifierIndicator(rawIndicator)) rowProblems.push(`modifier indicator ${JSON.stringify(rawIndicator)} is not 0, 1 or 9`);
    if (rowProblems.length > 0 || effective === undefined || !isModifierIndicator(rawIndicator)) {
      for (const message of rowProblems) problems.push({ line: lineNumber, message });
      continue;
    }
    const edit: PtpEdit = { program, column1, column2, effective, modifierIndicator: rawIndicator, rationale };
    if (deleted !== undefined) edit.deleted = deleted;
    edits.push(edit);
  }
  throwIfProblems(label, problems);
  if (edits.length === 0) throw new NcciFileError(`${label}: a header but no PTP rows; expected ${EXPECTED}`);

  const part = /-f(\d)\b/i.exec(file.name)?.[1];
  const setting = /ccioph|-OPH-/i.test(file.name) ? 'outpatient hospital' : 'practitioner';
  return { fileName: file.name, program, version, ...(part === undefined ? {} : { part: Number(part) }), setting, edits };
}

/** Whether the bytes hold a PTP header: tells CMS's text file apart from whatever else a zip holds. */
export function holdsPtpTable(bytes: Uint8Array): boolean {
  return decodeCmsText(bytes).split(/\r\n|\n|\r/).some(isHeaderLine);
}

function looksLikeRow(cells: readonly string[]): boolean {
  return (NCCI_CODE.test((cells[0] ?? '').toUpperCase()) && NCCI_CODE.test((cells[1] ?? '').toUpperCase())) || /^\d{8}$/.test(cells[3] ?? '');
}

function isHeaderLine(line: string): boolean {
  const cells = line.split('\t');
  return cells.length >= 2 && /^"?column 1"?$/i.test((cells[0] ?? '').trim()) && /^"?column 2"?$/i.test((cells[1] ?? '').trim());
}

/** "ccipra-v322r0-f1.txt" → "v322r0"; the Medicaid edit design manual's "vXXXXqX" form is read too. */
function versionFromFileName(names: readonly string[]): string | undefined {
  for (const name of names) {
    const match = /(?:^|[-_])(v\d{3,4}[rq]\d)(?=[-_.]|$)/i.exec(name);
    if (match) return (match[1] as string).toLowerCase();
  }
  return undefined;
}

function isModifierIndicator(value: string): value is PtpModifierIndicator {
  return Object.hasOwn(PTP_MODIFIER_INDICATOR_MEANINGS, value);
}
