import type { FieldError } from '../claim/validate.ts';
import type { ClaimFormat, FileNote } from '../formats/index.ts';

/**
 * What became of one claims file: written beside it as JSON by the intake-files function and the
 * local inbox. It names claims by id and position only, and errors by field, never by value: it
 * holds no member data.
 */
export interface FileReport {
  reportVersion: 1;
  /** The file as the intake knew it: its S3 key, or its name in the inbox folder. */
  file: string;
  /** Where the file was read from, for S3: the object version the report is about. */
  /** The S3 object read; `reference` is the file's name in the intake function's logs. */
  source?: { bucket: string; key: string; versionId?: string; eTag?: string; size?: number; reference?: string };
  processedAt: string;
  /**
   * `processed`: every claim was read and sent; `unreadable`: the file as a whole is not a claims file
   * (see `error`); `incomplete`: some claims could not be sent (see `notSent`), so the file is retried.
   */
  status: 'processed' | 'unreadable' | 'incomplete';
  /** null when the file was unreadable before its format was known. */
  format: ClaimFormat | null;
  /** Every claim found, rejected ones included (up to the error, for an unreadable file). */
  claimsRead: number;
  /** Claims sent to the intake queue: rejected ones too, so they reach the review queue as CLAIM-INVALID. */
  sent: number;
  /** Claims the format reader could not map. */
  rejectedByReader: number;
  /** Mapped claims that break claim event contract v1; the scrubber rejects them the same way. */
  rejectedByContract: number;
  /** The rejected claims, in file order, up to a limit; `rejectedNotListed` counts the rest. */
  rejected: RejectedClaim[];
  rejectedNotListed: number;
  /**
   * Claims that could not be sent, with why. `mayHaveArrived`: the request went out but its answer was
   * lost (a timeout, a connection cut), so the claim may be on the queue all the same.
   */
  notSent: Array<{ index: number; claimId: string | null; error: string; mayHaveArrived?: true }>;
  /** X12 only: envelopes read. */
  envelopes?: { interchanges: number; groups: number; transactions: number };
  /** What was read but not carried into claim events, counted. */
  notes: FileNote[];
  /** Why the file as a whole was rejected, and how many claims had been handed out before it was found. */
  error?: { message: string; claimsBefore: number };
  /** The outcome in a few plain words. */
  summary: string;
}

export interface RejectedClaim {
  /** 0-based position among the file's claims. */
  index: number;
  claimId: string | null;
  /** Where the claim sat, in words a biller can search the file with. */
  position: string;
  /** `reader`: the X12, FHIR or JSON reader could not map it; `contract`: claim event contract v1 rejects it. */
  stage: 'reader' | 'contract';
  errors: FieldError[];
}

/** One line for a console: file, format, claims read, sent, rejected; or the file-level error. */
export function describeReport(report: FileReport): string {
  const format = report.format === null ? 'unknown format' : FORMAT_NAMES[report.format];
  const rejected = report.rejectedByReader + report.rejectedByContract;
  const base = `${report.file}: ${format}, ${plural(report.claimsRead, 'claim')} read, ${report.sent} sent, ${rejected} rejected`;
  if (report.status === 'unreadable') {
    const before = report.error?.claimsBefore ?? 0;
    return `${report.file}: not read as a claims file: ${report.error?.message ?? 'unknown error'}` + (before > 0 ? ` (${plural(before, 'claim')} before the error; ${report.sent} of them sent)` : '');
  }
  if (report.status === 'incomplete') return `${base}; ${report.notSent.length} could not be sent (the file will be tried again)`;
  return rejected > 0 ? `${base} (${report.rejectedByReader} by the ${format} reader, ${report.rejectedByContract} by the claim contract)` : base;
}

const FORMAT_NAMES: Record<ClaimFormat, string> = { json: 'claim JSON', x12: 'X12 837P', fhir: 'FHIR R4' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
