import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../parsers/text/phonetic.js';

/** Optimal-string-alignment distance over the whole table: the reference for the early-exit version. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = fc.string({ unit: fc.constantFrom(...'abcdeklmnst'), maxLength: 40 });

describe('editDistance', () => {
  it('is the OSA distance up to max, and more than max past it', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = osa(a, b);
        const found = editDistance(a, b, max);
        if (exact <= max) expect(found).toBe(exact);
        else expect(found).toBeGreaterThan(max);
      }),
      { numRuns: 3_000 },
    );
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('lable', 'label', 2)).toBe(1);
    expect(editDistance('santur', 'santoor', 2)).toBe(2);
  });
});
