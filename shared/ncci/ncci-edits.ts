/**
 * CMS National Correct Coding Initiative edits as the scrubber holds them: medically unlikely edits
 * (MUE, the most units of a code a provider reports for one patient on one day or line) and
 * procedure-to-procedure edits (PTP, pairs of codes not billed together). CMS publishes them quarterly
 * for Medicare and for Medicaid. They carry CPT content under AMA terms, so the project ships the
 * loader and never the tables: an operator loads the files CMS publishes.
 */

/** Which program's tables: CMS publishes Medicare and Medicaid edits apart, with different values. */
export const NCCI_PROGRAMS = ['medicare', 'medicaid'] as const;
export type NcciProgram = (typeof NCCI_PROGRAMS)[number];

/** MUE adjudication indicator (MAI): how the limit is applied. */
export const MUE_ADJUDICATION_MEANINGS = {
  1: 'Line edit: each claim line is compared with the limit',
  2: 'Date of service edit: policy, an absolute limit no contractor overrides',
  3: 'Date of service edit: clinical, a limit records can overturn on appeal',
} as const;
export type MueAdjudication = keyof typeof MUE_ADJUDICATION_MEANINGS;

export interface MueEdit {
  program: NcciProgram;
  /** The HCPCS or CPT code. */
  code: string;
  /** The most units allowed (per line for MAI 1, per date of service for MAI 2 and 3). */
  maxUnits: number;
  adjudication: MueAdjudication;
  /** CMS's MUE rationale, e.g. "Clinical: Data". */
  rationale: string;
}

/** PTP modifier indicator: 0 never billed together, 1 allowed with an NCCI-associated modifier, 9 edit not in force. */
export const PTP_MODIFIER_INDICATOR_MEANINGS = {
  '0': 'Not allowed: no modifier bypasses the edit',
  '1': 'Allowed with an NCCI-associated modifier when the services were distinct',
  '9': 'Not applicable: the edit was deleted back to its effective date',
} as const;
export type PtpModifierIndicator = keyof typeof PTP_MODIFIER_INDICATOR_MEANINGS;

export interface PtpEdit {
  program: NcciProgram;
  /** The column 1 code: the one paid when both are billed. */
  column1: string;
  /** The column 2 code: denied when billed with column 1 (unless a modifier applies under indicator 1). */
  column2: string;
  /** First date of service the edit applies to (YYYY-MM-DD). */
  effective: string;
  /** The deletion date (YYYY-MM-DD) when the edit was deleted: it no longer applies from that date. */
  deleted?: string;
  modifierIndicator: PtpModifierIndicator;
  /** CMS's PTP edit rationale, e.g. "Misuse of column two code with column one code". */
  rationale: string;
}

/** Read access to the loaded NCCI edits: a whole set in memory, or a slice prefetched for a batch of claims. */
export interface NcciLookup {
  /** Names the loaded tables (kind, program, effective date or version), reported with the findings' sources. */
  readonly release: string;
  /** Whether any MUE table of this program is loaded: without one the MUE rule says nothing rather than "no limit". */
  hasMue(program: NcciProgram): boolean;
  hasPtp(program: NcciProgram): boolean;
  mue(program: NcciProgram, code: string): MueEdit | undefined;
  /** Every PTP edit with this column 1 code, whatever its dates (the rule compares them with the service date). */
  ptpEdits(program: NcciProgram, column1: string): readonly PtpEdit[];
}

/** An in-memory NcciLookup over lists of edits. */
export class NcciSet implements NcciLookup {
  readonly release: string;
  private readonly mues = new Map<string, MueEdit>();
  private readonly ptps = new Map<string, PtpEdit[]>();
  private readonly mueTables: ReadonlySet<NcciProgram>;
  private readonly ptpTables: ReadonlySet<NcciProgram>;

  /**
   * `tables` names the tables loaded, by program, even when a slice holds none of their edits: a
   * prefetched slice for a claim whose codes have no MUE still knows the MUE table is loaded.
   */
  constructor(
    release: string,
    edits: { mue?: Iterable<MueEdit>; ptp?: Iterable<PtpEdit> },
    tables: { mue: readonly NcciProgram[]; ptp: readonly NcciProgram[] },
  ) {
    this.release = release;
    this.mueTables = new Set(tables.mue);
    this.ptpTables = new Set(tables.ptp);
    for (const edit of edits.mue ?? []) this.mues.set(`${edit.program}#${edit.code}`, edit);
    for (const edit of edits.ptp ?? []) {
      const key = `${edit.program}#${edit.column1}`;
      const list = this.ptps.get(key);
      if (list) list.push(edit);
      else this.ptps.set(key, [edit]);
    }
  }

  hasMue(program: NcciProgram): boolean {
    return this.mueTables.has(program);
  }

  hasPtp(program: NcciProgram): boolean {
    return this.ptpTables.has(program);
  }

  mue(program: NcciProgram, code: string): MueEdit | undefined {
    return this.mues.get(`${program}#${code}`);
  }

  ptpEdits(program: NcciProgram, column1: string): readonly PtpEdit[] {
    return this.ptps.get(`${program}#${column1}`) ?? NO_EDITS;
  }

  get tables(): { mue: NcciProgram[]; ptp: NcciProgram[] } {
    return { mue: [...this.mueTables], ptp: [...this.ptpTables] };
  }

  *mueEdits(): IterableIterator<MueEdit> {
    yield* this.mues.values();
  }

  *allPtpEdits(): IterableIterator<PtpEdit> {
    for (const list of this.ptps.values()) yield* list;
  }
}

const NO_EDITS: readonly PtpEdit[] = [];
