/**
 * Properties over random orders, slabs and schemes (fast-check): the total
 * is the sum of the lines, no price goes negative, exclusive schemes never
 * stack, and an exception is needed exactly when the asked price is below
 * the price lists, slabs and schemes allow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  priceOrder,
  type PriceOrderInput,
  type Scheme,
  type SchemeRule,
  type Slab,
} from '../../../src/domain/pricing/index.js';
import { input, products } from './fixtures.js';

const SKUS = [...products.keys()];
const BRANDS = ['Voltra', 'Lumex', 'Copperline', 'Stik'];

const arbTarget = fc.oneof(
  fc.constantFrom(...SKUS).map((value) => ({ kind: 'sku' as const, value })),
  fc.constantFrom(...BRANDS).map((value) => ({ kind: 'brand' as const, value })),
);
const arbMin = fc.record({
  basis: fc.constantFrom('qty' as const, 'amount' as const),
  value: fc.bigInt({ min: 0n, max: 50_000n }),
});
const arbRule: fc.Arbitrary<SchemeRule> = fc.oneof(
  fc.record({
    kind: fc.constant('percent_off' as const),
    target: arbTarget,
    discountBp: fc.integer({ min: 1, max: 10_000 }),
    min: arbMin,
  }),
  fc.record({
    kind: fc.constant('flat_off' as const),
    target: arbTarget,
    amountMinor: fc.bigInt({ min: 1n, max: 1_000_000n }),
    min: arbMin,
  }),
  fc
    .record({
      kind: fc.constant('order_value' as const),
      minAmountMinor: fc.bigInt({ min: 0n, max: 100_000n }),
      discountBp: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: null }),
      amountMinor: fc.bigInt({ min: 1n, max: 100_000n }),
    })
    .map((r) => ({ ...r, amountMinor: r.discountBp === null ? r.amountMinor : null })),
  fc.record({
    kind: fc.constant('buy_get' as const),
    buySku: fc.constantFrom(...SKUS),
    buyQty: fc.integer({ min: 1, max: 10 }),
    getSku: fc.constantFrom(...SKUS),
    getQty: fc.integer({ min: 1, max: 3 }),
    repeating: fc.boolean(),
  }),
);
const arbScheme = (i: number): fc.Arbitrary<Scheme> =>
  fc.record({
    id: fc.constant(`S${i}`),
    name: fc.constant(`scheme ${i}`),
    validFrom: fc.constant(null),
    validTo: fc.constant(null),
    audience: fc.constant({ regions: [], priceLists: [], dealers: [] }),
    stacking: fc.constantFrom('exclusive' as const, 'best' as const, 'priority' as const),
    priority: fc.integer({ min: 1, max: 5 }),
    rule: arbRule,
  });
const arbSlab = (i: number): fc.Arbitrary<Slab> =>
  fc.record({
    id: fc.constant(`L${i}`),
    target: arbTarget,
    basis: fc.constantFrom('qty' as const, 'amount' as const),
    threshold: fc.bigInt({ min: 1n, max: 20_000n }),
    discountBp: fc.integer({ min: 1, max: 10_000 }),
    priceList: fc.constant(null),
  });
const arbLine = fc.record({
  sku: fc.constantFrom(...SKUS),
  qty: fc.integer({ min: 1, max: 40 }),
  requestedPriceMinor: fc.option(fc.bigInt({ min: 0n, max: 300_000n }), { nil: null }),
});
const arbInput: fc.Arbitrary<PriceOrderInput> = fc
  .record({
    lines: fc.array(arbLine, { minLength: 1, maxLength: 8 }),
    schemes: fc
      .integer({ min: 0, max: 5 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbScheme(i)))),
    slabs: fc
      .integer({ min: 0, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbSlab(i)))),
  })
  .map((r) => input({ lines: r.lines, schemes: r.schemes, slabs: r.slabs }));

function priced(i: PriceOrderInput) {
  const r = priceOrder(i);
  if (!r.ok) throw new Error('unpriceable');
  return r;
}

describe('pricing properties', () => {
  it('total = Σ line totals + Σ line taxes, and each line = unit × qty − discount', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const r = priced(i);
        expect(r.subtotalMinor).toBe(r.lines.reduce((a, l) => a + l.lineTotalMinor, 0n));
        expect(r.taxMinor).toBe(r.lines.reduce((a, l) => a + l.taxMinor, 0n));
        expect(r.totalMinor).toBe(r.subtotalMinor + r.taxMinor);
        for (const l of r.lines)
          expect(l.lineTotalMinor).toBe(l.unitPriceMinor * BigInt(l.qty) - l.discountMinor);
      }),
      { numRuns: 300 },
    );
  });

  it('no price, discount, line or tax is ever negative; free lines are zero', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        for (const l of priced(i).lines) {
          expect(
            l.unitPriceMinor >= 0n &&
              l.discountMinor >= 0n &&
              l.lineTotalMinor >= 0n &&
              l.taxMinor >= 0n,
          ).toBe(true);
          if (l.free) expect([l.unitPriceMinor, l.lineTotalMinor]).toEqual([0n, 0n]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an exclusive scheme is never applied together with another scheme', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const applied = priced(i).schemes.map((s) => i.schemes.find((x) => x.id === s.id)!);
        if (applied.some((s) => s.stacking === 'exclusive')) expect(applied).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('an exception is needed exactly when the asked price is below the allowed unit price', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const withAsk = priced(i);
        // the allowed price: what the same order gets with nobody asking
        const plain = priced({ ...i, lines: i.lines.map((l) => ({ sku: l.sku, qty: l.qty })) });
        i.lines.forEach((l, index) => {
          const allowed = plain.lines[index]!.unitPriceMinor;
          const needed = withAsk.exceptions.some((e) => e.lineIndex === index);
          const asked = l.requestedPriceMinor ?? null;
          expect(needed).toBe(asked !== null && asked < allowed);
          // asking never changes the price before approval
          expect(withAsk.lines[index]!.unitPriceMinor).toBe(allowed);
        });
      }),
      { numRuns: 300 },
    );
  });
});
