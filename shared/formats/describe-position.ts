import { escapeControls } from '../claim/safe-text.ts';
import type { SourcePosition } from './types.ts';

/**
 * Where a claim sat in its file, in words a biller can search the file with. Holds no member data.
 * Control numbers, CLM01 and FHIR ids come from the file: their control characters are escaped.
 */
export function describePosition(position: SourcePosition): string {
  return escapeControls(describe(position));
}

function describe(position: SourcePosition): string {
  switch (position.format) {
    case 'x12':
      return (
        `X12 interchange ISA13 ${position.interchange}, group GS06 ${position.group}, transaction ST02 ${position.transaction}` +
        `${position.claimId ? `, claim CLM01 ${position.claimId}` : ''} at segment ${position.segment} of the transaction (segment ${position.fileSegment} of the file)`
      );
    case 'fhir':
      return `FHIR ${position.path}${position.reference ? ` (${position.reference})` : ''}${position.line === undefined ? '' : `, line ${position.line}`}`;
    case 'json':
      return `claim #${position.index + 1}${position.line === undefined ? '' : ` (line ${position.line})`}`;
  }
}
