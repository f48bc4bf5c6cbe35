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

  // Validated claims are already upper case: try the code as given, and upper-case it only when it has
  // a lower-case letter (CPT codes are not in the file, so misses are common and rules ask on every line).
  procedure(code: string): CodeRecord | undefined {
    return this.procedures.get(code) ?? (hasLowerCase(code) ? this.procedures.get(code.toUpperCase()) : undefined);
  }

  modifier(code: string): CodeRecord | undefined {
    return this.modifiers.get(code) ?? (hasLowerCase(code) ? this.modifiers.get(code.toUpperCase()) : undefined);
  }

  get size(): { procedures: number; modifiers: number } {
    return { procedures: this.procedures.size, modifiers: this.modifiers.size };
  }

  *records(): IterableIterator<CodeRecord> {
    yield* this.procedures.values();
    yield* this.modifiers.values();
  }
}

/** Whether toUpperCase would change the code: any character but ASCII digits and capitals might. */
function hasLowerCase(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return true;
  }
  return false;
}
