import type { FieldError } from '../../claim/validate.ts';
import { UnreadableInputError } from '../errors.ts';
import { NoteCounter } from '../notes.ts';
import { escapedErrors, escapeControls } from '../../claim/safe-text.ts';
import type { FileCounts, IntakeItem } from '../types.ts';
import { ClaimAssembler } from './claim-assembler.ts';
import type { Separators } from './isa-header.ts';
import type { X12Ending } from './segment-stream.ts';
import { mapClaim } from './map-claim.ts';
import type { RawClaim } from './raw-claim.ts';
import { el, isSegmentTag, type Segment } from './segment.ts';
import { isClaimId } from '../../claim/claim-id.ts';

interface OpenInterchange {
  control: string;
  groups: number;
}
interface OpenGroup {
  control: string;
  version: string;
  transactions: number;
}
interface OpenTransaction {
  control: string;
  segments: number;
  /** Undefined for a transaction set that is not an 837P: it is counted and skipped. */
  assembler: ClaimAssembler | undefined;
}

/**
 * Reads the segments of an X12 file in order and turns every 837P claim into an item. The
 * envelope (ISA/IEA, GS/GE, ST/SE) must nest and its control numbers must match: otherwise the file
 * is unreadable as a whole. Counts that disagree (SE01, GE01, IEA01) are noted, not fatal: many
 * real files get them wrong and the claims are still whole.
 */
export class X12ClaimReader {
  readonly #separators: Separators;
  readonly #notes = new NoteCounter();
  readonly #counts = { claimsRead: 0, rejected: 0, interchanges: 0, groups: 0, transactions: 0 };
  #claimTransactions = 0;
  #skipped = new Set<string>();
  #fileSegment = 0;
  #interchange: OpenInterchange | undefined;
  #group: OpenGroup | undefined;
  #transaction: OpenTransaction | undefined;

  constructor(separators: Separators) {
    this.#separators = separators;
  }

  get counts(): FileCounts {
    return { format: 'x12', ...this.#counts, notes: this.#notes.list() };
  }

  /**
   * Takes a batch of segments, appending the claims they complete to `out`. When a segment makes
   * the file unreadable, the claims completed before it are in `out` when the error is thrown.
   */
  pushAll(segments: readonly Segment[], out: IntakeItem[]): void {
    for (const segment of segments) {
      const item = this.#take(segment);
      if (item) out.push(item);
    }
  }

  #take(segment: Segment): IntakeItem | undefined {
    this.#fileSegment++;
    if (this.#transaction) this.#transaction.segments++;
    switch (segment.tag) {
      case 'ISA':
        this.#openInterchange(segment);
        return undefined;
      case 'GS':
        this.#openGroup(segment);
        return undefined;
      case 'ST':
        this.#openTransaction(segment);
        return undefined;
      case 'SE':
        return this.#closeTransaction(segment);
      case 'GE':
        this.#closeGroup(segment);
        return undefined;
      case 'IEA':
        this.#closeInterchange(segment);
        return undefined;
      default:
        return this.#body(segment);
    }
  }

  /** The input ended: every envelope must be closed and the file must have held 837P claims. */
  finish(ending: X12Ending = { cutInSegment: false }): void {
    const open = this.#transaction
      ? `transaction set ST02 ${this.#transaction.control}: its SE segment is missing`
      : this.#group
        ? `functional group GS06 ${this.#group.control}: its GE segment is missing`
        : this.#interchange
          ? `interchange ISA13 ${this.#interchange.control}: its IEA segment is missing`
          : undefined;
    if (open !== undefined && this.#claimTransactions > 0) throw new UnreadableInputError(escapeControls(this.#cutShort(open, ending)), this.#counts.claimsRead);
    if (open !== undefined) this.#fail(`the input ends inside ${open}`);
    if (this.#claimTransactions === 0) throw new UnreadableInputError(this.#notAClaimFile());
    if (this.#counts.claimsRead === 0) throw new UnreadableInputError('the X12 file holds no 837P claims: its 837P transaction sets have no claim (CLM segment)');
  }

  /**
   * An 837P file that stops before its envelopes close was cut short (an upload or a copy broke
   * off): say where, and how many claims came before the break, so the sender knows what to send
   * again. The claim being read when it broke is not handed out: its last segments may be missing.
   */
  #cutShort(open: string, ending: X12Ending): string {
    const read = this.#counts.claimsRead;
    const before = `${read} claim${read === 1 ? ' was' : 's were'} read before the break`;
    const inSegment = ending.cutInSegment ? ', in the middle of a segment' : '';
    const claim = this.#transaction?.assembler?.openClaim;
    const where = claim
      ? `the file ends in the middle of claim ${read + 1} (which starts at segment ${claim.fileSegment} of the file)${inSegment}: ${before}`
      : `the file ends${inSegment} after claim ${read}, before its envelopes close: ${before}`;
    return `the X12 file is cut short: ${where}; it ends inside ${open}. Send the whole file again`;
  }

  /** What the file is instead of an 837P claim file, from the transaction sets it held. */
  #notAClaimFile(): string {
    if (this.#skipped.size === 0) return 'the X12 file holds no 837P claims: it has no transaction set (ST … SE)';
    return `the X12 file holds no 837P claims: it is ${[...this.#skipped].map(describeTransaction).join(' and ')}`;
  }

  #openInterchange(isa: Segment): void {
    if (this.#interchange) this.#fail(`segment ${this.#fileSegment}: ISA begins before interchange ISA13 ${this.#interchange.control} is closed by IEA`);
    if (isa.elementCount !== 16) this.#fail(`segment ${this.#fileSegment}: an ISA must have 16 elements, this one has ${isa.elementCount}`);
    const component = el(isa, 16);
    if (component !== this.#separators.component) {
      this.#fail(`segment ${this.#fileSegment}: interchange ISA13 ${el(isa, 13)} declares component separator "${component}" where the file's first ISA declares "${this.#separators.component}"; send such interchanges as separate files`);
    }
    this.#interchange = { control: el(isa, 13), groups: 0 };
    this.#counts.interchanges++;
  }

  #openGroup(gs: Segment): void {
    if (!this.#interchange) this.#fail(`segment ${this.#fileSegment}: GS outside an interchange (ISA … IEA)`);
    if (this.#group) this.#fail(`segment ${this.#fileSegment}: GS begins before group GS06 ${this.#group.control} is closed by GE`);
    this.#group = { control: el(gs, 6), version: el(gs, 8), transactions: 0 };
    this.#interchange.groups++;
    this.#counts.groups++;
  }

  #openTransaction(st: Segment): void {
    if (!this.#group || !this.#interchange) this.#fail(`segment ${this.#fileSegment}: ST outside a functional group (GS … GE)`);
    if (this.#transaction) this.#fail(`segment ${this.#fileSegment}: ST begins before transaction set ST02 ${this.#transaction.control} is closed by SE`);
    const kind = el(st, 1);
    const version = el(st, 3) || this.#group.version;
    const isClaim = kind === '837' && version.startsWith('005010X222');
    this.#group.transactions++;
    this.#counts.transactions++;
    const control = el(st, 2);
    let assembler: ClaimAssembler | undefined;
    if (isClaim) {
      this.#claimTransactions++;
      assembler = new ClaimAssembler({ interchange: this.#interchange.control, group: this.#group.control, transaction: control }, this.#notes);
    } else {
      const label = `${safe(kind)} ${safe(version)}`.trim();
      this.#skipped.add(label);
      this.#notes.add(`transaction set ${label} skipped: not an 837P (005010X222) claim transaction`);
    }
    this.#transaction = { control, segments: 1, assembler };
  }

  #closeTransaction(se: Segment): IntakeItem | undefined {
    const transaction = this.#transaction;
    if (!transaction) return this.#fail(`segment ${this.#fileSegment}: SE without an open transaction set (ST)`);
    if (!sameControl(el(se, 2), transaction.control)) {
      this.#fail(`segment ${this.#fileSegment}: SE02 ${el(se, 2)} does not match ST02 ${transaction.control}`);
    }
    if (el(se, 1) !== String(transaction.segments)) this.#notes.add('SE01 segment count differs from the segments in the transaction set (kept: the claims are whole)');
    const raw = transaction.assembler?.finish();
    this.#transaction = undefined;
    return raw ? this.#item(raw) : undefined;
  }

  #closeGroup(ge: Segment): void {
    const group = this.#group;
    if (!group) return this.#fail(`segment ${this.#fileSegment}: GE without an open functional group (GS)`);
    if (this.#transaction) this.#fail(`segment ${this.#fileSegment}: GE before transaction set ST02 ${this.#transaction.control} is closed by SE`);
    if (!sameControl(el(ge, 2), group.control)) this.#fail(`segment ${this.#fileSegment}: GE02 ${el(ge, 2)} does not match GS06 ${group.control}`);
    if (el(ge, 1) !== String(group.transactions)) this.#notes.add('GE01 transaction count differs from the transaction sets in the group');
    this.#group = undefined;
  }

  #closeInterchange(iea: Segment): void {
    const interchange = this.#interchange;
    if (!interchange) return this.#fail(`segment ${this.#fileSegment}: IEA without an open interchange (ISA)`);
    if (this.#group) this.#fail(`segment ${this.#fileSegment}: IEA before group GS06 ${this.#group.control} is closed by GE`);
    if (!sameControl(el(iea, 2), interchange.control)) this.#fail(`segment ${this.#fileSegment}: IEA02 ${el(iea, 2)} does not match ISA13 ${interchange.control}`);
    if (Number(el(iea, 1)) !== interchange.groups) this.#notes.add('IEA01 group count differs from the functional groups in the interchange');
    this.#interchange = undefined;
  }

  #body(segment: Segment): IntakeItem | undefined {
    const transaction = this.#transaction;
    if (!transaction) {
      if (!isSegmentTag(segment.tag)) this.#fail(`segment ${this.#fileSegment} is not an X12 segment: it starts "${tagStart(segment.tag)}…"`);
      return this.#fail(`segment ${this.#fileSegment} (${segment.tag}) is outside a transaction set (ST … SE)`);
    }
    const assembler = transaction.assembler;
    if (!assembler) return undefined;
    if (!isTag(segment.tag)) {
      const problem: FieldError = { path: `segment ${transaction.segments}`, message: `a segment starting "${tagStart(segment.tag)}…" has no valid segment tag` };
      if (!assembler.problem(problem)) this.#fail(`segment ${this.#fileSegment} is not an X12 segment: it starts "${tagStart(segment.tag)}…"`);
      return undefined;
    }
    const raw = assembler.push(segment, transaction.segments, this.#fileSegment);
    return raw ? this.#item(raw) : undefined;
  }

  #item(raw: RawClaim): IntakeItem {
    const index = this.#counts.claimsRead++;
    const mapped = mapClaim(raw, this.#notes);
    if (mapped.ok) return { kind: 'claim', index, claim: mapped.claim, claimId: mapped.claim.claimId, position: raw.position };
    this.#counts.rejected++;
    const id = raw.position.claimId;
    return { kind: 'rejected', index, claimId: isClaimId(id) ? id : null, position: raw.position, errors: escapedErrors(mapped.errors) };
  }

  #fail(message: string): never {
    // A broken envelope around an acknowledgment (the imsweb 999 has an IEA02 that matches
    // nothing) is not the sender's first problem: the file is not a claim file at all.
    const notClaims = this.#claimTransactions === 0 && this.#skipped.size > 0 ? `${this.#notAClaimFile()}; its envelope is malformed too: ` : 'malformed X12 envelope: ';
    // Control numbers and separators in the message come from the file.
    throw new UnreadableInputError(escapeControls(`${notClaims}${message}`), this.#counts.claimsRead);
  }
}

/** A transaction set the scrubber does not read, named as its sender knows it. */
function describeTransaction(label: string): string {
  const [kind = '', version = ''] = label.split(' ');
  const guide = version.slice(6, 10);
  // A Map: ST01 is the sender's text, and "constructor" must not find an object's property.
  const named = new Map([
    ['999', 'a 999 implementation acknowledgment'],
    ['997', 'a 997 functional acknowledgment'],
    ['277', guide === 'X214' ? 'a 277CA claim acknowledgment' : 'a 277 claim status response'],
    ['276', 'a 276 claim status request'],
    ['835', 'an 835 remittance advice'],
    ['270', 'a 270 eligibility inquiry'],
    ['271', 'a 271 eligibility response'],
    ['278', 'a 278 authorization request or response'],
  ]);
  if (kind === '837') {
    if (guide === 'X223') return `an 837I institutional claim (${label}), not 837P`;
    if (guide === 'X224') return `an 837D dental claim (${label}), not 837P`;
    return `an 837 transaction set of version ${version || 'unknown'}, not 005010X222 (837P)`;
  }
  return `${named.get(kind) ?? `a ${kind || 'nameless'} transaction set`} (${label})`;
}

/** Control numbers match as numbers when both are numeric (000000905 and 905), else exactly. */
function sameControl(a: string, b: string): boolean {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) === Number(b) : a === b;
}

/** isSegmentTag without a regular expression, for every segment of a claim: 2-3 of A-Z or 0-9, starting with a letter. */
function isTag(tag: string): boolean {
  const length = tag.length;
  if (length < 2 || length > 3) return false;
  const first = tag.charCodeAt(0);
  if (first < 0x41 || first > 0x5a) return false;
  for (let i = 1; i < length; i++) {
    const code = tag.charCodeAt(i);
    if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39))) return false;
  }
  return true;
}

/** The first characters of a garbled segment: enough to find it, too few to hold a name or member id. */
function tagStart(tag: string): string {
  return tag.slice(0, 3);
}

/** File text going into a note: short and without anything but code characters. */
function safe(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}
