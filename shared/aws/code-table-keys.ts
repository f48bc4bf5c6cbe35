import { createHash } from 'node:crypto';
import type { CodeKind, CodeRecord } from '../codes/code-record.ts';
import type { CodeSet } from '../codes/code-set.ts';
import { NCCI_PROGRAMS, type MueEdit, type NcciProgram, type NcciSet, type PtpEdit, type PtpModifierIndicator } from '../ncci/ncci-edits.ts';
import type { PayerRecord } from '../payers/payer-policy.ts';
import type { CODES_PARTITION_KEY } from './table-schemas.ts';

/**
 * The code table has one string partition key, `pk`, and no sort key. Every record's key names its
 * release (or payer policy version), so loading a new release writes new items only and never
 * touches the ones claims are being scrubbed with; and keys spread over many partitions.
 */
export const ACTIVE_DATA_KEY = 'ACTIVE';

// Items below name the key `pk` as a plain property; this fails to compile if the table's schema names another.
const KEY_NAME_MATCHES_SCHEMA: typeof CODES_PARTITION_KEY = 'pk';
void KEY_NAME_MATCHES_SCHEMA;

/**
 * The key a release's records are stored under: the release id, and with a user's CPT file the id plus a
 * digest of the records. Loaded items never change (scrubbers cache them, and their absence, for good),
 * so the same CMS release with and without a CPT file, or with another CPT file, is stored apart; the
 * same data loaded again gets the same key and is only re-activated.
 */
export function codeDataKey(codes: CodeSet): string {
  if (codes.cptSource === undefined) return codes.release;
  const digest = createHash('sha256');
  for (const record of codes.records()) digest.update(JSON.stringify(record)).update('\n');
  return `${codes.release}+CPT-${digest.digest('hex').slice(0, 12)}`;
}

export function codeKey(dataKey: string, kind: CodeKind, code: string): string {
  return `CODE#${dataKey}#${kind === 'procedure' ? 'P' : 'M'}#${code.toUpperCase()}`;
}

export function payerKey(policyVersion: string, payerId: string): string {
  return `PAYER#${policyVersion}#${payerId}`;
}

/** Written last by a load: a release without its manifest is incomplete and is never activated. */
export function releaseManifestKey(dataKey: string): string {
  return `RELEASE#${dataKey}`;
}

export function policyManifestKey(version: string): string {
  return `POLICY#${version}`;
}

export type TableItem = Record<string, unknown>;

export function codeItem(dataKey: string, record: CodeRecord): TableItem {
  return { pk: codeKey(dataKey, record.kind, record.code), ...record };
}

export function payerItem(policyVersion: string, record: PayerRecord): TableItem {
  return { pk: payerKey(policyVersion, record.id), ...record };
}

/** The table is written only by load-code-data from validated records, so the shape is trusted. */
export function recordFromItem<T>(item: TableItem): T {
  const { pk: _pk, ...record } = item;
  return record as T;
}

// ---- NCCI edits ------------------------------------------------------------------------------------

/**
 * The key a set of NCCI tables is stored under: `NCCI-` plus a readable slug of its release, plus a
 * digest of every edit and of which tables were loaded. Like `codeDataKey`, other data gets another key
 * (scrubbers cache loaded items for good) and the same data loaded again is recognised.
 */
export function ncciDataKey(ncci: NcciSet): string {
  const digest = createHash('sha256');
  digest.update(JSON.stringify({ release: ncci.release, tables: sortedTables(ncci.tables) })).update('\n');
  for (const record of ncciRecords(ncci)) digest.update(JSON.stringify(record)).update('\n');
  const slug = ncci.release.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return `NCCI-${slug ? `${slug}-` : ''}${digest.digest('hex').slice(0, 12)}`;
}

/** One MUE item per program and code. */
export function mueKey(ncciKey: string, program: NcciProgram, code: string): string {
  return `MUE#${ncciKey}#${program}#${code.toUpperCase()}`;
}

/**
 * One PTP item per program and column 1 code, holding all its column 2 edits. A list too long for one
 * item (DynamoDB's limit is 400 KB) goes on over numbered parts: part 1 carries the count.
 */
export function ptpKey(ncciKey: string, program: NcciProgram, column1: string, part = 1): string {
  const first = `PTP#${ncciKey}#${program}#${column1.toUpperCase()}`;
  return part > 1 ? ptpPartKey(first, part) : first;
}

/** Part 2 and later of a split list, from its first part's key. */
export function ptpPartKey(firstPartKey: string, part: number): string {
  return `${firstPartKey}#${part}`;
}

/** What kind of data a code-table key holds, from its prefix. */
export function keyKind(pk: string): 'code' | 'payer' | 'mue' | 'ptp' | 'other' {
  const prefix = pk.slice(0, pk.indexOf('#') + 1);
  return prefix === 'CODE#' ? 'code' : prefix === 'PAYER#' ? 'payer' : prefix === 'MUE#' ? 'mue' : prefix === 'PTP#' ? 'ptp' : 'other';
}

/** Written last by an NCCI load: tables without their manifest are incomplete and never activated. */
export function ncciManifestKey(ncciKey: string): string {
  return `NCCI#${ncciKey}`;
}

/** The tables loaded by program, in NCCI_PROGRAMS' order. */
export function sortedTables(tables: { mue: readonly NcciProgram[]; ptp: readonly NcciProgram[] }): { mue: NcciProgram[]; ptp: NcciProgram[] } {
  const order = (programs: readonly NcciProgram[]) => NCCI_PROGRAMS.filter((program) => programs.includes(program));
  return { mue: order(tables.mue), ptp: order(tables.ptp) };
}

/**
 * What a PTP item stores: each edit as one string `column2|effective|deleted|indicator|rationale#`
 * (dates as written, `deleted` empty when in force) and the rationales once per item, so a code with
 * thousands of edits stays far below the item limit; the rare longer list is split.
 */
export interface PtpRecord {
  kind: 'ptp';
  program: NcciProgram;
  column1: string;
  part: number;
  /** On part 1 only: how many parts the list has. */
  parts?: number;
  rationales: string[];
  edits: string[];
}

export interface MueRecord extends MueEdit {
  kind: 'mue';
}

/** Bytes the encoded edits and rationales of one part may take: the 400 KB limit, less room for the key and names. */
export const PTP_PART_BYTES = 380_000;

/** The records an NCCI set is stored as, without their keys: MUE edits, then PTP lists by program and column 1. */
export function* ncciRecords(ncci: NcciSet, partBytes = PTP_PART_BYTES): Generator<MueRecord | PtpRecord> {
  for (const edit of ncci.mueEdits()) yield { kind: 'mue', ...edit };
  // The lists by program and column 1 (a set of keys, not of edits: memory stays bounded by the codes).
  const lists = new Set<string>();
  for (const edit of ncci.allPtpEdits()) lists.add(`${edit.program}#${edit.column1}`);
  for (const list of lists) {
    const [program, column1] = list.split('#') as [NcciProgram, string];
    yield* ptpRecords(program, column1, ncci.ptpEdits(program, column1), partBytes);
  }
}

function ptpRecords(program: NcciProgram, column1: string, edits: readonly PtpEdit[], partBytes: number): PtpRecord[] {
  const parts: PtpRecord[] = [];
  let part: PtpRecord | undefined;
  let rationaleIndex = new Map<string, number>();
  let bytes = 0;
  const nextPart = (): PtpRecord => {
    part = { kind: 'ptp', program, column1, part: parts.length + 1, rationales: [], edits: [] };
    parts.push(part);
    rationaleIndex = new Map();
    bytes = 0;
    return part;
  };
  for (const edit of edits) {
    let current = part ?? nextPart();
    // A list element costs its bytes plus one; a rationale, once per part.
    const known = rationaleIndex.get(edit.rationale);
    const cost = Buffer.byteLength(encodePtpEdit(edit, known ?? rationaleIndex.size)) + 1 + (known === undefined ? Buffer.byteLength(edit.rationale) + 1 : 0);
    if (current.edits.length > 0 && bytes + cost > partBytes) current = nextPart();
    let index = rationaleIndex.get(edit.rationale);
    if (index === undefined) {
      index = current.rationales.length;
      rationaleIndex.set(edit.rationale, index);
      current.rationales.push(edit.rationale);
      bytes += Buffer.byteLength(edit.rationale) + 1;
    }
    const encoded = encodePtpEdit(edit, index);
    current.edits.push(encoded);
    bytes += Buffer.byteLength(encoded) + 1;
  }
  if (parts[0] && parts.length > 1) parts[0].parts = parts.length;
  return parts;
}

function encodePtpEdit(edit: PtpEdit, rationale: number): string {
  return `${edit.column2}|${edit.effective}|${edit.deleted ?? ''}|${edit.modifierIndicator}|${rationale}`;
}

export function ncciItem(ncciKey: string, record: MueRecord | PtpRecord): TableItem {
  if (record.kind === 'mue') {
    const { kind: _kind, ...edit } = record;
    return { pk: mueKey(ncciKey, edit.program, edit.code), ...edit };
  }
  const { kind: _kind, ...rest } = record;
  return { pk: ptpKey(ncciKey, record.program, record.column1, record.part), ...rest };
}

export function mueEditFromItem(item: TableItem): MueEdit {
  return recordFromItem<MueEdit>(item);
}

/** How many parts a PTP item's list has (1 unless split). */
export function ptpPartsOf(item: TableItem): number {
  return typeof item.parts === 'number' && item.parts > 1 ? item.parts : 1;
}

/** The edits of one PTP item (one part of a list). */
export function ptpEditsFromItem(item: TableItem): PtpEdit[] {
  const program = item.program as NcciProgram;
  const column1 = String(item.column1);
  const rationales = item.rationales as string[];
  return (item.edits as string[]).map((encoded) => {
    const [column2 = '', effective = '', deleted = '', modifierIndicator = '', rationale = '0'] = encoded.split('|');
    return {
      program,
      column1,
      column2,
      effective,
      ...(deleted ? { deleted } : {}),
      modifierIndicator: modifierIndicator as PtpModifierIndicator,
      rationale: rationales[Number(rationale)] ?? '',
    };
  });
}
