import type { FieldError } from '../claim/validate.ts';

/** The claim formats the scrubber reads. `json` is claim event contract v1 (one claim, an array, or NDJSON). */
export const CLAIM_FORMATS = ['json', 'x12', 'fhir'] as const;
export type ClaimFormat = (typeof CLAIM_FORMATS)[number];

/** Where a JSON-contract claim sat in its document. */
export interface JsonPosition {
  format: 'json';
  /** 0-based position of the claim in the document. */
  index: number;
  /** 1-based line, for NDJSON. */
  line?: number;
}

/** Where an 837P claim sat: its envelope's control numbers and the segment that starts it. */
export interface X12Position {
  format: 'x12';
  /** ISA13 interchange control number. */
  interchange: string;
  /** GS06 group control number. */
  group: string;
  /** ST02 transaction set control number. */
  transaction: string;
  /** CLM01 as sent, when the claim got that far. */
  claimId?: string;
  /** 1-based position of the segment in its transaction set (ST is 1), as a 999 acknowledgment counts. */
  segment: number;
  /** 1-based position of the segment in the file, counting every interchange. */
  fileSegment: number;
}

/** Where a FHIR Claim sat: its element path, e.g. `Bundle.entry[2].resource`, and its NDJSON line. */
export interface FhirPosition {
  format: 'fhir';
  path: string;
  line?: number;
  /** `Claim/<id>` when the resource had an id. */
  reference?: string;
}

export type SourcePosition = JsonPosition | X12Position | FhirPosition;

/** A claim read from a file, as claim event contract input. Contract validation is the scrubber's job. */
export interface ClaimItem {
  kind: 'claim';
  /** 0-based position among every claim of the file, rejected ones included. */
  index: number;
  /** Claim event contract v1 input (for the `json` format: the parsed value as it was). */
  claim: unknown;
  /** The claim id, when the input carried a string one. */
  claimId?: string;
  position: SourcePosition;
}

/** A claim the format reader could not turn into contract input: why, and where it sat. */
export interface RejectedItem {
  kind: 'rejected';
  index: number;
  /** The claim's id when it was usable as a contract claim id, otherwise null. */
  claimId: string | null;
  position: SourcePosition;
  errors: FieldError[];
}

export type IntakeItem = ClaimItem | RejectedItem;

/** One kind of remark about a file and how often it came up; never holds member data. */
export interface FileNote {
  message: string;
  count: number;
}

/** What a file held. Complete once its items have been read to the end. */
export interface FileCounts {
  format: ClaimFormat;
  /** Every claim found, rejected ones included. */
  claimsRead: number;
  /** Claims the format reader rejected (each is a RejectedItem). */
  rejected: number;
  /** X12 only: envelopes seen. */
  interchanges?: number;
  groups?: number;
  transactions?: number;
  /** Things read but not carried into claim events, or envelope counts that disagree, with how often. */
  notes: FileNote[];
}
