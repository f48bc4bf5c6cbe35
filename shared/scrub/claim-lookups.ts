import type { CodeLookup, CodeRecord, ReleaseCoverage } from '../codes/code-record.ts';
import type { PayerLookup, PayerRecord } from '../payers/payer-policy.ts';

/**
 * The code and payer lookups the rules of one claim see: the scrub's own, with each answer kept for the
 * rest of the claim.
 *
 * Why: fifteen rules look up every line's procedure code and eight the claim's payer, so a claim of three
 * lines asks the code data about forty times for three codes. A claim's codes are the same string
 * objects in every rule (the rules read one claim view), so comparing against the few already asked is
 * cheaper than hashing into a release of thousands of codes each time (decision 018).
 *
 * One instance serves every claim in turn: `reset` empties it before each claim (scrubbing is
 * synchronous, so no two claims share it at once), and a claim costs no allocation. Answers are kept
 * for at most MEMO_SIZE distinct keys of each kind; beyond them the lookup is asked directly.
 */
export class ClaimLookups implements CodeLookup, PayerLookup {
  release = '';
  coverage: ReleaseCoverage | undefined;
  cptSource: string | undefined;
  version = '';
  #codes: CodeLookup | undefined;
  #payers: PayerLookup | undefined;
  readonly #procedures = new Memo<CodeRecord>();
  readonly #modifiers = new Memo<CodeRecord>();
  readonly #payerRecords = new Memo<PayerRecord>();

  /** Starts a claim: forgets the last claim's answers, and reads from these lookups. */
  reset(codes: CodeLookup, payers: PayerLookup): void {
    this.#codes = codes;
    this.#payers = payers;
    this.release = codes.release;
    this.coverage = codes.coverage;
    this.cptSource = codes.cptSource;
    this.version = payers.version;
    this.#procedures.clear();
    this.#modifiers.clear();
    this.#payerRecords.clear();
  }

  procedure(code: string): CodeRecord | undefined {
    const memo = this.#procedures;
    const at = memo.indexOf(code);
    if (at !== -1) return memo.valueAt(at);
    const record = (this.#codes as CodeLookup).procedure(code);
    memo.add(code, record);
    return record;
  }

  modifier(code: string): CodeRecord | undefined {
    const memo = this.#modifiers;
    const at = memo.indexOf(code);
    if (at !== -1) return memo.valueAt(at);
    const record = (this.#codes as CodeLookup).modifier(code);
    memo.add(code, record);
    return record;
  }

  payer(id: string): PayerRecord | undefined {
    const memo = this.#payerRecords;
    const at = memo.indexOf(id);
    if (at !== -1) return memo.valueAt(at);
    const record = (this.#payers as PayerLookup).payer(id);
    memo.add(id, record);
    return record;
  }
}

/** Distinct keys of one kind kept per claim: a claim has a handful of codes; one of 50 lines may have more, asked directly. */
export const MEMO_SIZE = 8;

/** Keys and answers in two fixed arrays, searched in order: for a handful of keys, cheaper than a Map. */
class Memo<T> {
  readonly #keys: string[] = new Array<string>(MEMO_SIZE).fill('');
  readonly #values: (T | undefined)[] = new Array<T | undefined>(MEMO_SIZE).fill(undefined);
  #size = 0;

  clear(): void {
    this.#size = 0;
  }

  indexOf(key: string): number {
    const keys = this.#keys;
    for (let i = 0; i < this.#size; i++) if (keys[i] === key) return i;
    return -1;
  }

  valueAt(index: number): T | undefined {
    return this.#values[index];
  }

  add(key: string, value: T | undefined): void {
    if (this.#size === MEMO_SIZE) return;
    this.#keys[this.#size] = key;
    this.#values[this.#size++] = value;
  }
}
