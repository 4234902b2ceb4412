/** Table-driven: each rule type alone, then combinations, tax and rounding. */
import { describe, expect, it } from 'vitest';
import {
  allocateMinor,
  percentOfMinor,
  priceOrder,
  type PriceOrderInput,
  type Scheme,
} from '../../../src/domain/pricing/index.js';
import { input, pctOff, scheme, slab } from './fixtures.js';

function ok(i: PriceOrderInput) {
  const r = priceOrder(i);
  if (!r.ok) throw new Error(`unpriceable ${r.unpriceable.join(',')}`);
  return r;
}
const steps = (r: ReturnType<typeof ok>, n = 0) => r.lines[n]!.explanation.map((s) => s.step);

describe('base price: dealer list → regional list → list price', () => {
  it.each([
    [
      'dealer list',
      {
        dealerPrices: new Map([
          ['LED9', { priceList: 'RETAIL', priceMinor: 45_00n, effectiveFrom: '2025-10-01' }],
        ]),
      },
      45_00n,
      'price_list',
      'RETAIL',
    ],
    [
      'regional list',
      {
        regionalPrices: new Map([
          ['LED9', { priceList: 'NORTH-LIST', priceMinor: 47_00n, effectiveFrom: null }],
        ]),
      },
      47_00n,
      'regional_list',
      'NORTH-LIST',
    ],
    ['list price', {}, 50_00n, 'list_price', 'LED9'],
  ] as const)('%s', (_name, over, unit, step, source) => {
    const r = ok(input({ ...over, lines: [{ sku: 'LED9', qty: 2 }] }));
    expect(r.lines[0]).toMatchObject({ unitPriceMinor: unit, lineTotalMinor: unit * 2n });
    expect(r.lines[0]!.explanation[0]).toMatchObject({ step, source_id: source });
  });

  it('refuses an unknown or inactive sku', () => {
    expect(priceOrder(input({ lines: [{ sku: 'NOPE', qty: 1 }] }))).toEqual({
      ok: false,
      unpriceable: ['NOPE'],
    });
  });
});

describe('slabs', () => {
  const ladder = [
    slab({ id: 'V5', threshold: 5n, discountBp: 200 }),
    slab({ id: 'V10', threshold: 10n, discountBp: 500 }),
  ];
  it.each([
    [4, null, 100_00n],
    [5, 'V5', 98_00n],
    [9, 'V5', 98_00n],
    [10, 'V10', 95_00n],
  ] as const)('%i units of the brand → slab %s, unit %s', (qty, id, unit) => {
    const r = ok(input({ slabs: ladder, lines: [{ sku: 'MCB16', qty }] }));
    expect(r.lines[0]!.unitPriceMinor).toBe(unit);
    const s = r.lines[0]!.explanation.find((x) => x.step === 'slab');
    expect(s?.source_id ?? null).toBe(id);
  });

  it('measures the brand across lines (6 + 4 = 10 reaches V10 for both)', () => {
    const r = ok(
      input({
        slabs: ladder,
        lines: [
          { sku: 'MCB16', qty: 6 },
          { sku: 'MCB32', qty: 4 },
        ],
      }),
    );
    expect(r.lines.map((l) => l.unitPriceMinor)).toEqual([95_00n, 114_00n]);
  });

  it('by amount, per sku', () => {
    const s = slab({
      id: 'W',
      target: { kind: 'sku', value: 'WIRE' },
      basis: 'amount',
      threshold: 5_000_00n,
      discountBp: 300,
    });
    expect(
      ok(input({ slabs: [s], lines: [{ sku: 'WIRE', qty: 2 }] })).lines[0]!.unitPriceMinor,
    ).toBe(1_850_00n);
    expect(
      ok(input({ slabs: [s], lines: [{ sku: 'WIRE', qty: 3 }] })).lines[0]!.unitPriceMinor,
    ).toBe(1_794_50n);
  });

  it('per category, only for its price list', () => {
    const s = slab({
      id: 'C',
      target: { kind: 'category', value: 'led' },
      threshold: 1n,
      priceList: 'WHOLESALE',
    });
    expect(
      ok(input({ slabs: [s], lines: [{ sku: 'LED9', qty: 5 }] })).lines[0]!.unitPriceMinor,
    ).toBe(50_00n);
    const d = { code: 'D1', region: null, priceList: 'WHOLESALE' };
    expect(
      ok(input({ dealer: d, slabs: [s], lines: [{ sku: 'LED9', qty: 5 }] })).lines[0]!
        .unitPriceMinor,
    ).toBe(47_50n);
  });

  it('nudges when close to the next tier: 8 of 10', () => {
    const r = ok(input({ slabs: ladder, lines: [{ sku: 'MCB16', qty: 8 }] }));
    expect(r.nudges).toEqual([
      {
        slabId: 'V10',
        target: { kind: 'brand', value: 'Voltra' },
        basis: 'qty',
        missing: 2n,
        discountBp: 500,
      },
    ]);
    expect(ok(input({ slabs: ladder, lines: [{ sku: 'MCB16', qty: 6 }] })).nudges).toEqual([]);
  });
});

describe('schemes', () => {
  it.each([
    ['percent off a brand', pctOff(1000), [{ sku: 'MCB16', qty: 2 }], 180_00n, 0],
    [
      'percent off below its minimum',
      pctOff(1000, 'Voltra', 3n),
      [{ sku: 'MCB16', qty: 2 }],
      200_00n,
      0,
    ],
    [
      'flat off a category above a minimum amount',
      {
        kind: 'flat_off',
        target: { kind: 'category', value: 'MCB' },
        amountMinor: 15_00n,
        min: { basis: 'amount', value: 200_00n },
      },
      [{ sku: 'MCB16', qty: 2 }],
      185_00n,
      0,
    ],
    [
      'order value %',
      { kind: 'order_value', minAmountMinor: 100_00n, discountBp: 500, amountMinor: null },
      [{ sku: 'MCB16', qty: 2 }],
      190_00n,
      0,
    ],
    [
      'buy 2 get 1 same sku, repeating',
      { kind: 'buy_get', buySku: 'LED9', buyQty: 2, getSku: 'LED9', getQty: 1, repeating: true },
      [{ sku: 'LED9', qty: 5 }],
      250_00n,
      2,
    ],
    [
      'buy 10 get 1 tape, not repeating',
      { kind: 'buy_get', buySku: 'MCB16', buyQty: 10, getSku: 'TAPE', getQty: 1, repeating: false },
      [{ sku: 'MCB16', qty: 25 }],
      2_500_00n,
      1,
    ],
  ] as const)('%s', (_name, rule, lines, subtotal, freeQty) => {
    const r = ok(input({ schemes: [scheme('S', rule)], lines: [...lines] }));
    expect(r.subtotalMinor).toBe(subtotal);
    const free = r.lines.filter((l) => l.free);
    expect(free.reduce((a, l) => a + l.qty, 0)).toBe(freeQty);
    for (const f of free)
      expect(f).toMatchObject({ unitPriceMinor: 0n, lineTotalMinor: 0n, taxMinor: 0n });
  });

  it.each([
    ['outside its dates', { validTo: '2025-11-14' }, false],
    [
      'for another region',
      { audience: { regions: ['SOUTH'], priceLists: [], dealers: [] } },
      false,
    ],
    ['for this region', { audience: { regions: ['NORTH'], priceLists: [], dealers: [] } }, true],
    [
      'for this price list',
      { audience: { regions: [], priceLists: ['RETAIL'], dealers: [] } },
      true,
    ],
    [
      'for named dealers only',
      { audience: { regions: [], priceLists: [], dealers: ['D2'] } },
      false,
    ],
    [
      'for this dealer by name',
      { audience: { regions: [], priceLists: [], dealers: ['D1'] } },
      true,
    ],
  ] as const)('targeting: %s', (_n, over, applies) => {
    const r = ok(
      input({
        schemes: [scheme('S', pctOff(1000), 'priority', over as unknown as Partial<Scheme>)],
        lines: [{ sku: 'MCB16', qty: 1 }],
      }),
    );
    expect(r.lines[0]!.unitPriceMinor).toBe(applies ? 90_00n : 100_00n);
  });
});

describe('stacking of two schemes', () => {
  const line = [{ sku: 'MCB16', qty: 10 }];
  it.each([
    ['priority + priority stack in priority order', 'priority', 'priority', ['A', 'B'], 85_50n],
    ['best + best on the same brand: the larger only', 'best', 'best', ['A'], 90_00n],
    ['exclusive beats a smaller stack', 'exclusive', 'priority', ['A'], 90_00n],
    ['exclusive + exclusive: the larger alone', 'exclusive', 'exclusive', ['A'], 90_00n],
  ] as const)('%s', (_n, sa, sb, applied, unit) => {
    const a = scheme('A', pctOff(1000), sa, { priority: 1 });
    const b = scheme('B', pctOff(500), sb, { priority: 2 });
    const r = ok(input({ schemes: [a, b], lines: [...line] }));
    expect(r.schemes.map((s) => s.id)).toEqual(applied);
    expect(r.lines[0]!.unitPriceMinor).toBe(unit);
  });

  it('a stack beating an exclusive scheme wins, and the exclusive one is not applied', () => {
    const ex = scheme('X', pctOff(1200), 'exclusive');
    const a = scheme('A', pctOff(1000), 'priority', { priority: 1 });
    const b = scheme('B', pctOff(500), 'priority', { priority: 2 });
    const r = ok(input({ schemes: [ex, a, b], lines: [...line] }));
    expect(r.schemes.map((s) => s.id)).toEqual(['A', 'B']);
  });

  it('best schemes on different brands both apply', () => {
    const a = scheme('A', pctOff(1000, 'Voltra'), 'best');
    const b = scheme('B', pctOff(1000, 'Lumex'), 'best');
    const r = ok(
      input({
        schemes: [a, b],
        lines: [
          { sku: 'MCB16', qty: 1 },
          { sku: 'LED9', qty: 1 },
        ],
      }),
    );
    expect(r.schemes.map((s) => s.id).sort()).toEqual(['A', 'B']);
  });
});

describe('slab + scheme', () => {
  it('the scheme applies on the slab price, both explained with their source ids', () => {
    const r = ok(
      input({
        dealerPrices: new Map([
          ['MCB16', { priceList: 'RETAIL', priceMinor: 96_00n, effectiveFrom: null }],
        ]),
        slabs: [slab({ id: 'V10', threshold: 10n, discountBp: 500 })],
        schemes: [scheme('DIWALI', pctOff(1000))],
        lines: [{ sku: 'MCB16', qty: 10 }],
      }),
    );
    expect(steps(r)).toEqual(['price_list', 'slab', 'scheme', 'tax']);
    expect(r.lines[0]!.explanation.map((s) => ('source_id' in s ? s.source_id : null))).toEqual([
      'RETAIL',
      'V10',
      'DIWALI',
      null,
    ]);
    // 96.00 → 91.20 (5%) → 82.08 (10%)
    expect(r.lines[0]!.unitPriceMinor).toBe(82_08n);
  });
});

describe('tax and rounding', () => {
  it.each([
    [1005n, 1000, 101n],
    [1004n, 1000, 100n],
    [1n, 5000, 1n],
    [0n, 1800, 0n],
  ])('percentOf(%s, %s bp) = %s (half up)', (amount, bp, want) => {
    expect(percentOfMinor(amount, bp)).toBe(want);
  });

  it('allocates exactly, largest remainder first', () => {
    expect(allocateMinor(100n, [1n, 1n, 1n])).toEqual([1n, 1n, 1n]);
    expect(allocateMinor(10n, [1n, 1n, 1n])).toEqual([1n, 1n, 1n]);
    expect(allocateMinor(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(allocateMinor(101n, [100n, 200n])).toEqual([34n, 67n]);
  });

  it('taxes each line on its net amount and shows it separately', () => {
    const r = ok(
      input({
        lines: [
          { sku: 'TAPE', qty: 3 },
          { sku: 'MCB16', qty: 1 },
        ],
      }),
    );
    // tape 3 × 10.05 = 30.15, 5% = 1.5075 → 1.51; MCB 100.00 × 18% = 18.00
    expect(r.lines.map((l) => l.taxMinor)).toEqual([1_51n, 18_00n]);
    expect(r).toMatchObject({ subtotalMinor: 130_15n, taxMinor: 19_51n, totalMinor: 149_66n });
  });

  it('a percentage rounds the unit price, so unit × qty is the line amount', () => {
    const r = ok(
      input({ schemes: [scheme('S', pctOff(333, 'Stik'))], lines: [{ sku: 'TAPE', qty: 7 }] }),
    );
    // 10.05 × 3.33% = 0.334665 → 0.33; unit 9.72
    expect(r.lines[0]).toMatchObject({ unitPriceMinor: 9_72n, lineTotalMinor: 68_04n });
  });
});

describe('price exceptions', () => {
  it.each([
    ['below the allowed price', 80_00n, true],
    ['equal to the allowed price', 95_00n, false],
    ['above it (the dealer gets the lower price)', 99_00n, false],
  ] as const)('asked %s', (_n, asked, needed) => {
    const r = ok(
      input({
        slabs: [slab({ id: 'V', threshold: 1n })],
        lines: [{ sku: 'MCB16', qty: 1, requestedPriceMinor: asked }],
      }),
    );
    expect(r.exceptions.length > 0).toBe(needed);
    expect(r.lines[0]!.unitPriceMinor).toBe(95_00n);
  });

  it('reports the discount authority needed (rounded up)', () => {
    const r = ok(input({ lines: [{ sku: 'MCB16', qty: 1, requestedPriceMinor: 92_00n }] }));
    expect(r.exceptions).toEqual([
      {
        lineIndex: 0,
        sku: 'MCB16',
        requestedPriceMinor: 92_00n,
        allowedPriceMinor: 100_00n,
        discountBp: 800,
      },
    ]);
  });

  it('an approved exception sets the price last, explained with its approval id', () => {
    const r = ok(
      input({
        schemes: [
          scheme('S', {
            kind: 'order_value',
            minAmountMinor: 1n,
            discountBp: 1000,
            amountMinor: null,
          }),
        ],
        lines: [
          {
            sku: 'MCB16',
            qty: 2,
            requestedPriceMinor: 80_00n,
            approvedException: { id: 'APR-1', priceMinor: 80_00n },
          },
          { sku: 'LED9', qty: 2 },
        ],
      }),
    );
    expect(r.exceptions).toEqual([]);
    expect(r.lines[0]).toMatchObject({
      unitPriceMinor: 80_00n,
      discountMinor: 0n,
      lineTotalMinor: 160_00n,
    });
    expect(r.lines[0]!.explanation.at(-2)).toMatchObject({
      step: 'exception',
      source_id: 'APR-1',
      allowed_price: '100.00',
    });
    // the order-value discount goes to the other line only
    expect(r.lines[1]).toMatchObject({ discountMinor: 10_00n, lineTotalMinor: 90_00n });
  });
});
