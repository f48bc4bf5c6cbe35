import { describe, expect, it } from 'vitest';
import { countOf } from '../../web/src/format.ts';

describe("the filters' counts", () => {
  // As the page gets them: JSON, whose keys are each tally's own.
  const counts = JSON.parse('{"BVPPO": 3, "constructor": 2, "__proto__": 1}') as Record<string, number>;

  it.each([
    ['BVPPO', 3],
    ['constructor', 2],
    ['__proto__', 1],
    ['toString', 0],
    ['hasOwnProperty', 0],
    ['ACME', 0],
  ])('%s: %i', (key, expected) => {
    expect(countOf(counts, key)).toBe(expected);
    expect(countOf({}, key)).toBe(0);
  });

  it('no counts yet: 0', () => {
    expect(countOf(undefined, 'BVPPO')).toBe(0);
  });
});
