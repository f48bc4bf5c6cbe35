import {
  ACTION_MEANINGS,
  COVERAGE_MEANINGS,
  describesHomeInfusionService,
  type ActionCode,
  type CodeKind,
  type CodeRecord,
  type CoverageCode,
} from './code-record.ts';

/** One thing wrong with a release file, at a 1-based line number. */
export interface HcpcsFileProblem {
  line: number;
  message: string;
}

/** How many problems the error message spells out; the rest stay available on `problems`. */
const PROBLEMS_IN_MESSAGE = 20;

/** The release file cannot be used; `problems` lists every defect found, so one fix-and-retry cycle suffices. */
export class HcpcsFileError extends Error {
  readonly problems: HcpcsFileProblem[];

  constructor(message: string, problems: HcpcsFileProblem[] = []) {
    super(message);
    this.name = 'HcpcsFileError';
    this.problems = problems;
  }
}

export interface ParseHcpcsOptions {
  /** Release id stored as each record's `source`, e.g. 'HCPCS-2020'. */
  release: string;
  /** Named in error messages so the user knows which file to fix. */
  fileName?: string;
}

export const HCPCS_RECORD_LENGTH = 320;

// A record line: SEQNUM (6-10) digits and RECID (11) one of 3/4/7/8. Anything else before the first
// record is CMS's disclaimer preamble.
const RECORD_LINE = /^.{5}\d{5}[3478]/;
const PROCEDURE_CODE = /^[A-Z0-9]{5}$/;
const MODIFIER_CODE = /^[A-Z0-9]{2}$/;
const DATE_FIELD = /^(\d{4})(\d{2})(\d{2})$/;
const MULTI_SPACE = /\s\s|[\t\n\r\f\v]/;

interface OpenRecord {
  record: CodeRecord;
  /** Long-description pieces, joined once at the end rather than concatenated line by line. */
  parts: string[];
  line: number;
}

/**
 * Parses a CMS HCPCS Level II alpha-numeric release (fixed-width 320-character records, as in
 * HCPCS2019_recordlayout.txt). All-or-nothing: any defect throws one HcpcsFileError listing every
 * problem, because a partially loaded code set would silently mis-scrub claims.
 */
export function parseHcpcsRelease(bytes: Uint8Array, options: ParseHcpcsOptions): CodeRecord[] {
  const fileLabel = options.fileName ?? `HCPCS release ${options.release}`;
  // CMS ships these files as Windows-1252 (the disclaimer holds curly quotes and non-breaking spaces).
  const text = new TextDecoder('windows-1252').decode(bytes);
  const lines = text.split('\n');

  const problems: HcpcsFileProblem[] = [];
  const procedures = new Map<string, OpenRecord>();
  const modifiers = new Map<string, OpenRecord>();
  const ordered: OpenRecord[] = [];
  // The last first-line seen: its continuations may follow. `open` is unset when that line was bad,
  // so its continuations are skipped rather than reported a second time.
  let head: { kind: CodeKind; key: string; line: number } | undefined;
  let open: OpenRecord | undefined;
  let seenRecord = false;

  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    let line = lines[index] ?? '';
    if (line.endsWith('\r')) line = line.slice(0, -1);

    if (!RECORD_LINE.test(line)) {
      if (!seenRecord || line.trim() === '') continue;
      problems.push({ line: lineNumber, message: `not an HCPCS record line: ${preview(line)}` });
      continue;
    }
    seenRecord = true;

    if (line.length > HCPCS_RECORD_LENGTH) {
      problems.push({
        line: lineNumber,
        message: `line is ${line.length} characters, longer than the ${HCPCS_RECORD_LENGTH}-character record`,
      });
    }

    const recid = line.charAt(10);
    const key = line.slice(0, 5);
    if (recid === '4' || recid === '8') {
      const kind: CodeKind = recid === '4' ? 'procedure' : 'modifier';
      if (head === undefined || key !== head.key || kind !== head.kind) {
        const current = head ? `${head.kind} ${JSON.stringify(head.key.trim())} at line ${head.line}` : 'none';
        problems.push({
          line: lineNumber,
          message: `${kind} continuation for ${JSON.stringify(key.trim())} does not continue the open record (${current})`,
        });
        continue;
      }
      if (open === undefined || line.length > HCPCS_RECORD_LENGTH) continue;
      const piece = line.slice(11, 91).trim();
      if (piece !== '') open.parts.push(piece);
      continue;
    }

    const kind: CodeKind = recid === '3' ? 'procedure' : 'modifier';
    head = { kind, key, line: lineNumber };
    open = undefined;
    if (line.length > HCPCS_RECORD_LENGTH) continue;

    const lineProblems: string[] = [];
    let code: string;
    if (kind === 'procedure') {
      code = line.slice(0, 5);
      if (!PROCEDURE_CODE.test(code)) {
        lineProblems.push(`procedure code ${JSON.stringify(code)} is not 5 letters (A-Z) or digits`);
      }
    } else {
      code = line.slice(3, 5);
      if (line.slice(0, 3).trim() !== '' || !MODIFIER_CODE.test(code)) {
        lineProblems.push(
          `modifier code ${JSON.stringify(line.slice(0, 5))} is not 2 letters (A-Z) or digits in positions 4-5`,
        );
      }
    }

    const longStart = line.slice(11, 91).trim();
    const shortDescription = field(line, 92, 119);
    if (longStart === '') lineProblems.push('long description is blank');

    const coverageRaw = line.charAt(229).trim();
    let coverage: CoverageCode | undefined;
    if (coverageRaw !== '') {
      if (isCoverageCode(coverageRaw)) coverage = coverageRaw;
      else lineProblems.push(`coverage code ${JSON.stringify(coverageRaw)} (position 230) is not one of C, D, I, M, S`);
    }

    const actionRaw = line.charAt(292).trim();
    let actionCode: ActionCode | undefined;
    if (actionRaw !== '') {
      if (isActionCode(actionRaw)) actionCode = actionRaw;
      else {
        lineProblems.push(
          `action code ${JSON.stringify(actionRaw)} (position 293) is not one of ${Object.keys(ACTION_MEANINGS).join(', ')}`,
        );
      }
    }

    const addedDate = dateField(line, 269, 'code added date', lineProblems);
    const actionEffectiveDate = dateField(line, 277, 'action effective date', lineProblems);
    const terminationDate = dateField(line, 285, 'termination date', lineProblems);
    const betos = field(line, 257, 259);

    const byCode = kind === 'procedure' ? procedures : modifiers;
    const earlier = byCode.get(code);
    if (earlier && lineProblems.length === 0) {
      lineProblems.push(`duplicate ${kind} code ${code} (first at line ${earlier.line})`);
    }

    if (lineProblems.length > 0) {
      for (const message of lineProblems) problems.push({ line: lineNumber, message });
      continue;
    }

    const record: CodeRecord = {
      kind,
      code,
      longDescription: longStart,
      shortDescription: shortDescription ?? '',
      homeInfusionService: false,
      source: options.release,
    };
    if (coverage) record.coverage = coverage;
    if (betos) record.betos = betos;
    if (addedDate) record.addedDate = addedDate;
    if (actionEffectiveDate) record.actionEffectiveDate = actionEffectiveDate;
    if (terminationDate) record.terminationDate = terminationDate;
    if (actionCode) record.actionCode = actionCode;

    open = { record, parts: [longStart], line: lineNumber };
    byCode.set(code, open);
    ordered.push(open);
  }

  if (!seenRecord) {
    throw new HcpcsFileError(`${fileLabel}: no HCPCS records found (is this a CMS alpha-numeric HCPCS file?)`, [
      { line: 1, message: 'no HCPCS records found' },
    ]);
  }
  if (problems.length > 0) throw new HcpcsFileError(describeProblems(fileLabel, problems), problems);

  const records: CodeRecord[] = new Array<CodeRecord>(ordered.length);
  for (let i = 0; i < ordered.length; i++) {
    const { record, parts } = ordered[i] as OpenRecord;
    // Collapsing runs of spaces everywhere, not only at the joins, keeps a descriptor's text independent
    // of where CMS happened to wrap it (a few single-line descriptors carry stray double spaces).
    const joined = parts.length > 1 ? parts.join(' ') : (parts[0] as string);
    record.longDescription = MULTI_SPACE.test(joined) ? joined.replace(/\s+/g, ' ') : joined;
    // Judged on the joined text, since a wrapped descriptor's opening words may straddle lines;
    // a modifier is never itself a service.
    if (record.kind === 'procedure') record.homeInfusionService = describesHomeInfusionService(record.longDescription);
    records[i] = record;
  }
  return records;
}

function describeProblems(fileLabel: string, problems: HcpcsFileProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `  line ${p.line}: ${p.message}`);
  const more = problems.length > PROBLEMS_IN_MESSAGE ? [`  ... and ${problems.length - PROBLEMS_IN_MESSAGE} more`] : [];
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`${fileLabel}: ${problems.length} ${noun}; nothing loaded:`, ...shown, ...more].join('\n');
}

/** A trimmed fixed-width field by 1-based inclusive positions; undefined when blank (or past a trimmed line's end). */
function field(line: string, from: number, to: number): string | undefined {
  const value = line.slice(from - 1, to).trim();
  return value === '' ? undefined : value;
}

function dateField(line: string, from: number, name: string, problems: string[]): string | undefined {
  const raw = field(line, from, from + 7);
  if (raw === undefined) return undefined;
  const iso = isoDate(raw);
  if (iso === undefined) {
    problems.push(`${name} ${JSON.stringify(raw)} (positions ${from}-${from + 7}) is not a valid YYYYMMDD date`);
  }
  return iso;
}

/**
 * Whether the bytes hold a fixed-width HCPCS record line at all: tells CMS's code file apart from the
 * read-me, record layout and notes that come with it, without parsing the whole release.
 */
export function holdsHcpcsRecords(bytes: Uint8Array): boolean {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.split('\n').some((line) => RECORD_LINE.test(line));
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it names a real calendar day, else undefined. */
export function isoDate(raw: string): string | undefined {
  const match = DATE_FIELD.exec(raw);
  if (!match) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > daysInMonth) return undefined;
  return `${y}-${m}-${d}`;
}

/** A date a person typed, 'YYYY-MM-DD' or 'YYYYMMDD', as 'YYYY-MM-DD' when it names a real day, else undefined. */
export function isoDateFromEitherForm(value: string): string | undefined {
  return isoDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value.replaceAll('-', '') : value);
}

function isCoverageCode(value: string): value is CoverageCode {
  return Object.hasOwn(COVERAGE_MEANINGS, value);
}

function isActionCode(value: string): value is ActionCode {
  return Object.hasOwn(ACTION_MEANINGS, value);
}

function preview(line: string): string {
  const shown = line.length > 40 ? `${line.slice(0, 40)}...` : line;
  return JSON.stringify(shown);
}
