import { MUE_ADJUDICATION_MEANINGS, NCCI_PROGRAMS, type MueAdjudication, type MueEdit, type NcciProgram } from './ncci-edits.ts';
import {
  decodeCmsText,
  effectiveDateFromFileName,
  NCCI_CODE,
  NcciFileError,
  openNcciTable,
  programFromFileName,
  throwIfProblems,
  type NcciFileProblem,
} from './ncci-file.ts';

/**
 * CMS's MUE table as published (MCR_MUE_PractitionerServices_Eff_07-01-2026.csv and its Outpatient Hospital
 * and DME Supplier siblings, each in a zip with the same table as a spreadsheet): a Latin-1 CSV whose
 * record 0 is a quoted AMA/CPT notice (spanning lines inside its quotes), then the header
 *
 *   "HCPCS/CPT Code", "Practitioner Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale"
 *
 * (the first cell may hold a line break: "HCPCS/\nCPT Code"), then one row per code: the code, the MUE
 * value, the indicator as text ("1 Line Edit", "2 Date of Service Edit: Policy", "3 Date of Service Edit:
 * Clinical") and CMS's rationale. CRLF line ends. The effective date is in the file name only.
 */

export interface MueFile {
  /** The table file's name (inside the zip, for a zip). */
  fileName: string;
  program: NcciProgram;
  /** First date of service the table applies to (YYYY-MM-DD), from the file name. */
  effective: string;
  /** Whose services the table limits, from its value column: "practitioner", "outpatient hospital", "DME supplier". */
  setting: string;
  edits: MueEdit[];
}

export interface ParseMueOptions {
  /** Named in messages; its base name (or the zip member's) gives the program and effective date. */
  fileName: string;
  /** The program, when the file name does not say it. */
  program?: NcciProgram | undefined;
  /** The effective date (YYYY-MM-DD), when the file name does not say it. */
  effective?: string | undefined;
}

const EXPECTED =
  'a CMS MUE table: a CSV with CMS\'s notice, then the header "HCPCS/CPT Code", "… Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale", then one row per code (e.g. MCR_MUE_PractitionerServices_Eff_07-01-2026.csv, or the zip CMS publishes it in)';

/**
 * Parses a CMS MUE table (the CSV, or CMS's zip holding it). All-or-nothing: any bad row throws one
 * NcciFileError naming every bad line, since a half-loaded table would leave codes without their limit.
 */
export function parseMueFile(bytes: Uint8Array, options: ParseMueOptions): MueFile {
  const file = openNcciTable(bytes, options.fileName, { kind: 'MUE', extension: '.csv', expected: EXPECTED, holdsTable: holdsMueTable });
  const label = file.label;
  const text = decodeCmsText(file.bytes);
  if (text.trim() === '') throw new NcciFileError(`${label}: the file is empty; expected ${EXPECTED}`);

  const records = csvRecords(text);
  const headerIndex = records.findIndex((record) => columnsOf(record.cells) !== undefined);
  if (headerIndex < 0) {
    const hint = records.slice(0, 5).some((record) => record.cells.length === 1 && record.cells[0]?.includes('\t')) ? ' (this file is tab-delimited; the MUE table is comma-separated)' : '';
    throw new NcciFileError(`${label}: no MUE header row found${hint}; expected ${EXPECTED}`, [{ line: 1, message: 'no MUE header row found' }]);
  }
  const header = records[headerIndex] as CsvRecord;
  const columns = columnsOf(header.cells) as MueColumns;

  const program = options.program ?? programFromFileName(file.names);
  if (program === undefined || !NCCI_PROGRAMS.includes(program)) {
    throw new NcciFileError(`${label}: cannot tell the program from the file name; name it (medicare or medicaid), or keep CMS's name (MCR_MUE_… for Medicare, MCD_… or "medicaid" for Medicaid)`);
  }
  const effective = options.effective ?? effectiveDateFromFileName(file.names);
  if (effective === undefined) {
    throw new NcciFileError(`${label}: cannot tell the effective date from the file name; keep CMS's name (…_Eff_MM-DD-YYYY.csv) or give the date`);
  }

  const problems: NcciFileProblem[] = [];
  const edits: MueEdit[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records.slice(headerIndex + 1)) {
    if (record.problem) {
      problems.push({ line: record.line, message: record.problem });
      continue;
    }
    const cells = record.cells.map((cell) => cell.trim());
    if (cells.every((cell) => cell === '')) continue;
    const rowProblems: string[] = [];
    const code = (cells[columns.code] ?? '').toUpperCase();
    const rawValue = cells[columns.value] ?? '';
    const rawIndicator = cells[columns.indicator] ?? '';
    const rationale = cells[columns.rationale] ?? '';
    if (cells.length < columns.width) rowProblems.push(`${cells.length} columns; expected ${columns.width} (code, MUE value, adjudication indicator, rationale)`);
    if (!NCCI_CODE.test(code)) rowProblems.push(`code ${JSON.stringify(cells[columns.code] ?? '')} is not 5 letters or digits`);
    if (!/^\d{1,5}$/.test(rawValue)) rowProblems.push(`MUE value ${JSON.stringify(rawValue)} is not a whole number of units`);
    const adjudication = adjudicationOf(rawIndicator);
    if (adjudication === undefined) rowProblems.push(`MUE adjudication indicator ${JSON.stringify(rawIndicator)} is not 1, 2 or 3 (e.g. "2 Date of Service Edit: Policy")`);
    const earlier = firstLineOf.get(code);
    if (earlier !== undefined && rowProblems.length === 0) rowProblems.push(`code ${code} again (first at line ${earlier})`);
    if (rowProblems.length > 0 || adjudication === undefined) {
      for (const message of rowProblems) problems.push({ line: record.line, message });
      continue;
    }
    firstLineOf.set(code, record.line);
    edits.push({ program, code, maxUnits: Number(rawValue), adjudication, rationale });
  }
  throwIfProblems(label, problems);
  if (edits.length === 0) throw new NcciFileError(`${label}: a header but no MUE rows; expected ${EXPECTED}`);
  return { fileName: file.name, program, effective, setting: columns.setting, edits };
}

/** Whether the bytes hold an MUE header: tells CMS's CSV apart from whatever else a zip holds. */
export function holdsMueTable(bytes: Uint8Array): boolean {
  return csvRecords(decodeCmsText(bytes)).some((record) => columnsOf(record.cells) !== undefined);
}

interface MueColumns {
  code: number;
  value: number;
  indicator: number;
  rationale: number;
  width: number;
  setting: string;
}

/** The header's columns, found by name, or undefined when the record is not the MUE header. */
function columnsOf(cells: readonly string[]): MueColumns | undefined {
  const names = cells.map((cell) => cell.replace(/\s+/g, ' ').trim().toLowerCase());
  const code = names.findIndex((name) => /^hcpcs ?\/ ?cpt code$/.test(name));
  const value = names.findIndex((name) => /mue values?$/.test(name));
  const indicator = names.findIndex((name) => name === 'mue adjudication indicator');
  const rationale = names.findIndex((name) => name === 'mue rationale');
  if (code < 0 || value < 0 || indicator < 0 || rationale < 0) return undefined;
  const setting = (names[value] as string).replace(/ ?services? mue values?$/, '').replace(/ ?mue values?$/, '').replace(/^dme /, 'DME ') || 'practitioner';
  return { code, value, indicator, rationale, width: Math.max(code, value, indicator, rationale) + 1, setting };
}

/** "2 Date of Service Edit: Policy" → 2; the text after the digit is CMS's wording of the same indicator. */
function adjudicationOf(raw: string): MueAdjudication | undefined {
  const match = /^([123])(\s|$)/.exec(raw);
  if (!match) return undefined;
  const value = Number(match[1]);
  return Object.hasOwn(MUE_ADJUDICATION_MEANINGS, value) ? (value as MueAdjudication) : undefined;
}

interface CsvRecord {
  cells: string[];
  /** The line the record starts on (1-based). */
  line: number;
  /** Set when the record cannot be read (an unclosed quote). */
  problem?: string;
}

/**
 * CSV records as spreadsheets and CMS write them: fields separated by commas, quoted when they hold a
 * comma, a quote (doubled) or a line break; CRLF or LF line ends. Each record knows the line it starts on.
 */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ cells, line: start });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      i++;
      continue;
    }
    if (char === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      endRecord();
      if (char === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
    } else {
      cell += char;
    }
    i++;
  }
  if (quoted) {
    records.push({ cells: [...cells, cell], line: start, problem: `a quote opened on line ${quoteLine} is never closed` });
  } else if (cell !== '' || cells.length > 0) {
    endRecord();
  }
  return records;
}
