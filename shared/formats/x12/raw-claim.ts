import type { FieldError } from '../../claim/validate.ts';
import type { X12Position } from '../types.ts';
import type { Segment } from './segment.ts';

/** A segment and its 1-based number in the transaction set, for messages that point at it. */
export interface Numbered {
  segment: Segment;
  number: number;
}

/** An NM1 provider (2010AA billing, 2310B or 2420A rendering) and the PRV taxonomy that follows it. */
export interface RawProvider {
  nm1: Numbered;
  taxonomy?: string;
}

/** The 2000B subscriber loop: SBR, 2010BA subscriber (NM1*IL, DMG) and 2010BB payer (NM1*PR). */
export interface RawSubscriber {
  hl: Numbered;
  sbr?: Numbered;
  nm1?: Numbered;
  dmg?: Numbered;
  payer?: Numbered;
}

/** The 2000C patient loop: 2010CA NM1*QC and DMG. */
export interface RawPatient {
  hl: Numbered;
  nm1?: Numbered;
  dmg?: Numbered;
}

/** A 2400 service line: LX, SV1, DTP*472, 2410 drug identification and 2420A rendering provider. */
export interface RawLine {
  lx: Numbered;
  sv1?: Numbered;
  serviceDate?: Numbered;
  /** The lists of a line or claim are there once something is in them: most lines have none. */
  drugs?: { lin: Numbered; ctp?: Numbered }[];
  attachments?: Numbered[];
  rendering?: RawProvider;
  problems?: FieldError[];
}

/** Everything of one 2300 claim loop and the loops above it that the mapping needs. */
export interface RawClaim {
  position: X12Position;
  clm: Numbered;
  billing?: RawProvider;
  subscriber?: RawSubscriber;
  patient?: RawPatient;
  hi: Numbered[];
  attachments?: Numbered[];
  rendering?: RawProvider;
  lines: RawLine[];
  /** Structural problems found while reading, e.g. an SV1 outside any line. */
  problems?: FieldError[];
}
