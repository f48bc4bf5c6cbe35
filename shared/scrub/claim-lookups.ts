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
  readonly #procedures = new Memo<CodeRecord>((code) => (this.#codes as CodeLookup).procedure(code));
  readonly #modifiers = new Memo<CodeRecord>((code) => (this.#codes as CodeLookup).modifier(code));
  readonly #payerRecords = new Memo<PayerRecord>((id) => (this.#payers as PayerLookup).payer(id));

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
    return this.#procedures.answer(code);
  }

  modifier(code: string): CodeRecord | undefined {
    return this.#modifiers.answer(code);
  }

  payer(id: string): PayerRecord | undefined {
    return this.#payerRecords.answer(id);
  }
}

/** Distinct keys of one kind kept per claim: a claim has a handful of codes; one of 50 lines may have more, asked directly. */
export const MEMO_SIZE = 8;

/** Keys and answers in two fixed arrays, searched in order: for a handful of keys, cheaper than a Map. */
class Memo<T> {
  readonly #ask: (key: string) => T | undefined;
  readonly #keys: string[] = new Array<string>(MEMO_SIZE).fill('');
  readonly #values: (T | undefined)[] = new Array<T | undefined>(MEMO_SIZE).fill(undefined);
  #size = 0;

  /** `ask` answers a key the memo does not hold. */
  constructor(ask: (key: string) => T | undefined) {
    this.#ask = ask;
  }

  clear(): void {
    this.#size = 0;
  }

  answer(key: string): T | undefined {
    const keys = this.#keys;
    for (let i = 0; i < this.#size; i++) if (keys[i] === key) return this.#values[i];
    const value = this.#ask(key);
    if (this.#size < MEMO_SIZE) {
      keys[this.#size] = key;
      this.#values[this.#size++] = value;
    }
    return value;
  }
}
