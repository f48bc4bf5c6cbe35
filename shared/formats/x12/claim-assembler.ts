import type { FieldError } from '../../claim/validate.ts';
import type { X12Position } from '../types.ts';
import type { NoteCounter } from '../notes.ts';
import type { Numbered, RawClaim, RawLine, RawPatient, RawProvider, RawSubscriber } from './raw-claim.ts';
import { el, type Segment } from './segment.ts';
import { escapeControls } from '../../claim/safe-text.ts';

/** The envelope around the transaction set being read, for claim positions. */
export interface EnvelopeIds {
  interchange: string;
  group: string;
  transaction: string;
}

type ClaimSection = 'claim' | 'rendering' | 'claim-other-party' | 'other-subscriber' | 'line' | 'line-rendering' | 'line-other';

/**
 * Follows the 837P hierarchy of one transaction set (2000A billing provider → 2000B subscriber →
 * 2000C patient → 2300 claim → 2400 lines) and hands back each claim once the next one, the next
 * HL, or SE shows that it is complete. Loops are told apart by segment order, as the
 * implementation guide lays them out, so HL parent numbers that disagree do not matter.
 */
export class ClaimAssembler {
  readonly #ids: EnvelopeIds;
  readonly #notes: NoteCounter;
  #billing: RawProvider | undefined;
  #subscriber: RawSubscriber | undefined;
  #patient: RawPatient | undefined;
  /** Which NM1 of the 2000 loops the next DMG or PRV belongs to. */
  #party: 'billing' | 'subscriber' | 'payer' | 'patient' | 'other' = 'other';
  #claim: RawClaim | undefined;
  #section: ClaimSection = 'claim';

  constructor(ids: EnvelopeIds, notes: NoteCounter) {
    this.#ids = ids;
    this.#notes = notes;
  }

  /** Takes the next segment of the transaction set; returns the claim it completed, if any. */
  push(segment: Segment, number: number, fileSegment: number): RawClaim | undefined {
    // A segment is wrapped with its number only when it is kept: most of a claim's are not.
    switch (segment.tag) {
      case 'HL':
        return this.#startLevel({ segment, number });
      case 'CLM': {
        const done = this.#claim;
        this.#claim = this.#newClaim({ segment, number }, fileSegment);
        this.#section = 'claim';
        return done;
      }
      default:
        if (this.#claim) this.#claimSegment(this.#claim, segment, number);
        else this.#hierarchySegment(segment, number);
        return undefined;
    }
  }

  /** Attaches a problem to the claim being read; false when no claim is open. */
  problem(problem: FieldError): boolean {
    if (!this.#claim) return false;
    (this.#claim.problems ??= []).push(problem);
    return true;
  }

  /** Where the claim being read starts, while one is open: the file may end before it is complete. */
  get openClaim(): X12Position | undefined {
    return this.#claim?.position;
  }

  /** The transaction set ended (SE): its last claim is complete. */
  finish(): RawClaim | undefined {
    const done = this.#claim;
    this.#claim = undefined;
    return done;
  }

  #startLevel(hl: Numbered): RawClaim | undefined {
    const done = this.finish();
    const level = el(hl.segment, 3);
    if (level === '20') {
      this.#billing = undefined;
      this.#subscriber = undefined;
      this.#patient = undefined;
    } else if (level === '22') {
      this.#subscriber = { hl };
      this.#patient = undefined;
    } else if (level === '23') {
      this.#patient = { hl };
    } else {
      this.#notes.add('HL level other than 20, 22 or 23 ignored');
    }
    this.#party = 'other';
    return done;
  }

  #hierarchySegment(segment: Segment, number: number): void {
    if (segment.tag === 'SBR' && this.#subscriber) {
      this.#subscriber.sbr = { segment, number };
    } else if (segment.tag === 'NM1') {
      const entity = el(segment, 1);
      if (entity === '85') {
        this.#billing = { nm1: { segment, number } };
        this.#party = 'billing';
      } else if (entity === 'IL' && this.#subscriber) {
        this.#subscriber.nm1 = { segment, number };
        this.#party = 'subscriber';
      } else if (entity === 'PR' && this.#subscriber) {
        this.#subscriber.payer = { segment, number };
        this.#party = 'payer';
      } else if (entity === 'QC' && this.#patient) {
        this.#patient.nm1 = { segment, number };
        this.#party = 'patient';
      } else {
        this.#party = 'other';
      }
    } else if (segment.tag === 'DMG') {
      if (this.#party === 'subscriber' && this.#subscriber) this.#subscriber.dmg = { segment, number };
      else if (this.#party === 'patient' && this.#patient) this.#patient.dmg = { segment, number };
    }
  }

  #newClaim(clm: Numbered, fileSegment: number): RawClaim {
    const claimId = el(clm.segment, 1).trim();
    const { interchange, group, transaction } = this.#ids;
    // Literals in the position's key order rather than spreads of throwaway objects: one per claim.
    const position: X12Position = claimId
      ? { format: 'x12', interchange, group, transaction, claimId, segment: clm.number, fileSegment }
      : { format: 'x12', interchange, group, transaction, segment: clm.number, fileSegment };
    const claim: RawClaim = { position, clm, hi: [], lines: [] };
    if (this.#billing) claim.billing = this.#billing;
    if (this.#subscriber) claim.subscriber = this.#subscriber;
    if (this.#patient) claim.patient = this.#patient;
    return claim;
  }

  #claimSegment(claim: RawClaim, segment: Segment, number: number): void {
    const line = claim.lines.at(-1);
    switch (segment.tag) {
      case 'LX':
        claim.lines.push({ lx: { segment, number } });
        this.#section = 'line';
        return;
      case 'SBR':
        // 2320: other payers of this claim; their NM1s (2330A–G) are not the claim's parties.
        if (!line) this.#section = 'other-subscriber';
        return;
      case 'HI':
        if (this.#section === 'claim') claim.hi.push({ segment, number });
        return;
      case 'NTE':
        this.#notes.add('NTE free-text note not carried into the claim event');
        return;
      case 'PWK':
        if (line) (line.attachments ??= []).push({ segment, number });
        else (claim.attachments ??= []).push({ segment, number });
        return;
      case 'NM1':
        this.#claimParty(claim, line, segment, number);
        return;
      case 'PRV':
        this.#providerTaxonomy(claim, line, segment);
        return;
      case 'SV1':
        this.#serviceLine(claim, line, { segment, number });
        return;
      case 'DTP':
        if (el(segment, 1) === '472' && line && this.#section === 'line') line.serviceDate = { segment, number };
        return;
      case 'LIN':
        if (line) (line.drugs ??= []).push({ lin: { segment, number } });
        return;
      case 'CTP': {
        const drug = line?.drugs?.at(-1);
        if (drug) drug.ctp = { segment, number };
        return;
      }
      case 'SVD':
        this.#section = 'line-other';
        return;
      default:
        return;
    }
  }

  #claimParty(claim: RawClaim, line: RawLine | undefined, segment: Segment, number: number): void {
    const rendering = el(segment, 1) === '82';
    if (this.#section === 'other-subscriber') return;
    if (!line) {
      if (rendering) claim.rendering = { nm1: { segment, number } };
      this.#section = rendering ? 'rendering' : 'claim-other-party';
      return;
    }
    if (rendering) line.rendering = { nm1: { segment, number } };
    this.#section = rendering ? 'line-rendering' : 'line-other';
  }

  #providerTaxonomy(claim: RawClaim, line: RawLine | undefined, prv: Segment): void {
    // PRV*PE*PXC*<taxonomy>: the rendering provider's specialty.
    if (el(prv, 1) !== 'PE' || el(prv, 2) !== 'PXC') return;
    if (this.#section === 'rendering' && claim.rendering) claim.rendering.taxonomy = el(prv, 3);
    else if (this.#section === 'line-rendering' && line?.rendering) line.rendering.taxonomy = el(prv, 3);
  }

  #serviceLine(claim: RawClaim, line: RawLine | undefined, sv1: Numbered): void {
    if (!line) {
      (claim.problems ??= []).push({ path: 'SV1', message: `segment ${sv1.number} is a service line (SV1) outside any LX line` });
    } else if (line.sv1) {
      (line.problems ??= []).push({ path: 'SV1', message: `segment ${sv1.number} is a second SV1 in line LX ${escapeControls(el(line.lx.segment, 1))}` });
    } else {
      line.sv1 = sv1;
    }
  }
}
