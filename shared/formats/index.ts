// The claim formats' public surface: what the CLI, the local stack and the intake function call.
export { openClaimsFile, type ClaimsFile, type OpenClaimsFileOptions } from './open-claims-file.ts';
export type { ClaimsSource } from './byte-source.ts';
export { detectFormat } from './detect-format.ts';
export { describePosition } from './describe-position.ts';
export { describeCounts } from './describe-counts.ts';
export { UnreadableInputError } from './errors.ts';
export { escapeControls, terminalSafeJson } from '../claim/safe-text.ts';
export { CLAIM_FORMATS, type ClaimFormat, type ClaimItem, type FileCounts, type FileNote, type IntakeItem, type RejectedItem, type SourcePosition, type X12Position, type FhirPosition, type JsonPosition } from './types.ts';
export { CLAIM_FILING_INDICATORS } from './x12/payer-type.ts';
