import type { CodeLookup, CodeRecord, ReleaseCoverage } from './code-record.ts';

/** An in-memory CodeLookup over a list of records (a full release, or a slice fetched for a batch). */
export class CodeSet implements CodeLookup {
  readonly release: string;
  readonly coverage: ReleaseCoverage | undefined;
  readonly cptSource: string | undefined;
  private readonly procedures = new Map<string, CodeRecord>();
  private readonly modifiers = new Map<string, CodeRecord>();

  constructor(release: string, records: Iterable<CodeRecord>, options: { coverage?: ReleaseCoverage | undefined; cptSource?: string | undefined } = {}) {
    this.release = release;
    this.coverage = options.coverage;
    this.cptSource = options.cptSource;
    for (const record of records) {
      (record.kind === 'procedure' ? this.procedures : this.modifiers).set(record.code, record);
    }
  }

  // Validated claims are already upper case: try the code as given before paying for toUpperCase.
  procedure(code: string): CodeRecord | undefined {
    return this.procedures.get(code) ?? this.procedures.get(code.toUpperCase());
  }

  modifier(code: string): CodeRecord | undefined {
    return this.modifiers.get(code) ?? this.modifiers.get(code.toUpperCase());
  }

  get size(): { procedures: number; modifiers: number } {
    return { procedures: this.procedures.size, modifiers: this.modifiers.size };
  }

  *records(): IterableIterator<CodeRecord> {
    yield* this.procedures.values();
    yield* this.modifiers.values();
  }
}
