import { describe, expect, it } from 'vitest';
import { quantityTooLong } from '../../shared/rules/drug-ndc-qty.ts';
import { normalizeNdc, readNdc } from '../../shared/rules/ndc.ts';

describe('readNdc / normalizeNdc', () => {
  it.each([
    ['00002726625', '00002726625'],
    ['12345678901', '12345678901'],
  ])('%s is already the 11-digit form', (ndc, expected) => {
    expect(readNdc(ndc)).toEqual({ kind: 'valid' });
    expect(normalizeNdc(ndc)).toBe(expected);
  });

  it.each([
    ['0002-7266-25', '00002726625', '4-4-2: a zero before the labeler'],
    ['12345-678-90', '12345067890', '5-3-2: a zero before the product'],
    ['12345-6789-1', '12345678901', '5-4-1: a zero before the package'],
    ['12345-6789-01', '12345678901', '5-4-2 with hyphens: hyphens dropped'],
  ])('%s converts to %s (%s)', (ndc, ndc11) => {
    expect(readNdc(ndc)).toEqual({ kind: 'convertible', ndc11 });
    expect(normalizeNdc(ndc)).toBe(ndc11);
  });

  it.each([
    ['1234567890', '10 digits without hyphens: which segment is short is unknown'],
    ['123456789012', '12 digits'],
    ['1234567890 ', 'a trailing space'],
    [' 12345678901', 'a leading space'],
    ['1234-567-89', '4-3-2 is no NDC form'],
    ['12345 6789 01', 'spaces for hyphens'],
    ['12345-6789-012', '5-4-3'],
    ['N412345678901', 'the N4 qualifier kept'],
    ['ABCDE-FGHI-JK', 'letters'],
    ['', 'empty'],
  ])('%s is malformed (%s)', (ndc) => {
    expect(readNdc(ndc)).toEqual({ kind: 'malformed' });
    expect(normalizeNdc(ndc)).toBeUndefined();
  });
});

describe('quantityTooLong (NUCC: 8 digits before the decimal point, 3 after)', () => {
  it.each([1, 0.001, 12.5, 99999, 12345678, 12345678.123, 0.125])('%s fits', (quantity) => {
    expect(quantityTooLong(quantity)).toBe(false);
  });
  it.each([123456789, 0.0001, 1.2345, 1e-7, 12345678.1234, Number.POSITIVE_INFINITY, Number.NaN])('%s does not fit', (quantity) => {
    expect(quantityTooLong(quantity)).toBe(true);
  });
});
