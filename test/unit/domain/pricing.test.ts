import { describe, expect, it } from 'vitest';
import { priceOrder, type PriceOrderInput } from '../../../src/domain/pricing.js';

const products = new Map([
  ['A', { sku: 'A', listPriceMinor: 100_00n, active: true }],
  ['B', { sku: 'B', listPriceMinor: 250_50n, active: true }],
  ['OLD', { sku: 'OLD', listPriceMinor: 10_00n, active: false }],
]);

const base = (over: Partial<PriceOrderInput>): PriceOrderInput => ({
  lines: [],
  priceList: 'RETAIL',
  products,
  listEntries: new Map(),
  ...over,
});

describe('list pricing', () => {
  it('takes the price list entry when there is one and explains it', () => {
    const r = priceOrder(
      base({
        lines: [{ sku: 'A', qty: 3 }],
        listEntries: new Map([['A', { priceMinor: 95_00n, effectiveFrom: '2025-04-01' }]]),
      }),
    );
    expect(r).toEqual({
      ok: true,
      subtotalMinor: 285_00n,
      totalMinor: 285_00n,
      lines: [
        {
          sku: 'A',
          qty: 3,
          listPriceMinor: 100_00n,
          unitPriceMinor: 95_00n,
          lineTotalMinor: 285_00n,
          explanation: [
            {
              step: 'price_list',
              price_list: 'RETAIL',
              effective_from: '2025-04-01',
              unit_price: '95.00',
            },
          ],
        },
      ],
    });
  });

  it.each([
    ['RETAIL', 'not_on_price_list'],
    [null, 'no_price_list'],
  ] as const)('falls back to the list price (price list %s: %s)', (priceList, because) => {
    const r = priceOrder(base({ priceList, lines: [{ sku: 'B', qty: 2 }] }));
    expect(r.ok && r.lines[0]).toMatchObject({
      unitPriceMinor: 250_50n,
      lineTotalMinor: 501_00n,
      explanation: [{ step: 'list_price', because, price_list: priceList, unit_price: '250.50' }],
    });
  });

  it('refuses to price unknown or inactive products', () => {
    expect(
      priceOrder(
        base({
          lines: [
            { sku: 'OLD', qty: 1 },
            { sku: 'NOPE', qty: 1 },
            { sku: 'A', qty: 1 },
          ],
        }),
      ),
    ).toEqual({
      ok: false,
      unpriceable: ['OLD', 'NOPE'],
    });
  });
});
