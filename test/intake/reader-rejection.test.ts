import { describe, expect, it } from 'vitest';
import { READER_REJECTION_KEY, readerRejectionBody, readerRejectionIn } from '../../shared/intake/reader-rejection.ts';

const x12Position = { format: 'x12', interchange: '000000201', group: '201', transaction: '0001', claimId: 'HI-X12-0102', segment: 20, fileSegment: 22 } as const;

describe('reader rejections in the intake queue', () => {
  it('round-trips: what the intake sends, the scrubber reads back', () => {
    const body = readerRejectionBody({ kind: 'rejected', index: 1, claimId: 'HI-X12-0102', position: x12Position, errors: [{ path: 'DTP*472', message: 'the service date is required' }] });
    expect(readerRejectionIn(JSON.parse(body))).toEqual({ index: 1, position: x12Position, errors: [{ path: 'DTP*472', message: 'the service date is required' }] });
  });

  it.each([
    ['a claim event', { claimId: 'C1', payer: { id: 'P', type: 'commercial' } }],
    ['no errors', { [READER_REJECTION_KEY]: { index: 0, position: { format: 'json', index: 0 }, errors: [] } }],
    ['an unknown position format', { [READER_REJECTION_KEY]: { index: 0, position: { format: 'csv', row: 1 }, errors: [{ path: '', message: 'x' }] } }],
    ['an X12 position without control numbers', { [READER_REJECTION_KEY]: { index: 0, position: { format: 'x12', segment: 1 }, errors: [{ path: '', message: 'x' }] } }],
    ['not an object', 'readerRejection'],
  ])('is not read from %s: such a body is judged by the contract like any other', (_name, input) => {
    expect(readerRejectionIn(input)).toBeUndefined();
  });
});
