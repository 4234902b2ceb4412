/**
 * Pricing throughput: 1,000 orders of 20 lines each against 500 SKUs, 40
 * slab tiers and 50 live schemes (every kind and stacking rule), priced by
 * the pure rules. Run: `npm run bench:pricing`. The last line is one JSON
 * object (orders, lines, ms, orders_per_s, p99_ms).
 */
import {
  priceOrder,
  type PricingProduct,
  type Scheme,
  type Slab,
} from '../../src/domain/pricing/index.js';

let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const BRANDS = Array.from({ length: 20 }, (_, i) => `brand${i}`);
const CATEGORIES = Array.from({ length: 10 }, (_, i) => `cat${i}`);
const products = new Map<string, PricingProduct>();
for (let i = 0; i < 500; i++) {
  const sku = `SKU${i}`;
  products.set(sku, {
    sku,
    listPriceMinor: BigInt(1_000 + Math.floor(rand() * 500_000)),
    active: true,
    brand: pick(BRANDS),
    category: pick(CATEGORIES),
    taxRateBp: pick([0, 500, 1200, 1800, 2800]),
  });
}
const skus = [...products.keys()];
const dealerPrices = new Map(
  skus
    .filter(() => rand() < 0.5)
    .map((sku) => [
      sku,
      {
        priceList: 'RETAIL',
        priceMinor: products.get(sku)!.listPriceMinor - 100n,
        effectiveFrom: null,
      },
    ]),
);
const slabs: Slab[] = Array.from({ length: 40 }, (_, i) => ({
  id: `L${i}`,
  target: { kind: 'brand', value: pick(BRANDS) },
  basis: rand() < 0.5 ? 'qty' : 'amount',
  threshold: BigInt(
    rand() < 0.5 ? 5 + Math.floor(rand() * 50) : 100_000 + Math.floor(rand() * 5_000_000),
  ),
  discountBp: 100 + Math.floor(rand() * 900),
  priceList: null,
}));
const stackings = ['exclusive', 'best', 'priority'] as const;
const schemes: Scheme[] = Array.from({ length: 50 }, (_, i): Scheme => {
  const k = i % 4;
  const target = {
    kind: rand() < 0.5 ? ('brand' as const) : ('category' as const),
    value: rand() < 0.5 ? pick(BRANDS) : pick(CATEGORIES),
  };
  return {
    id: `S${i}`,
    name: `scheme ${i}`,
    validFrom: '2025-01-01',
    validTo: '2026-12-31',
    audience: { regions: [], priceLists: [], dealers: [] },
    stacking: stackings[i % 3]!,
    priority: i,
    rule:
      k === 0
        ? {
            kind: 'percent_off',
            target,
            discountBp: 200 + (i % 8) * 100,
            min: { basis: 'qty', value: 5n },
          }
        : k === 1
          ? {
              kind: 'flat_off',
              target,
              amountMinor: 50_000n,
              min: { basis: 'amount', value: 200_000n },
            }
          : k === 2
            ? {
                kind: 'order_value',
                minAmountMinor: 1_000_000n,
                discountBp: 100 + i * 5,
                amountMinor: null,
              }
            : {
                kind: 'buy_get',
                buySku: pick(skus),
                buyQty: 5,
                getSku: pick(skus),
                getQty: 1,
                repeating: true,
              },
  };
});
const orders = Array.from({ length: 1_000 }, () =>
  Array.from({ length: 20 }, () => ({ sku: pick(skus), qty: 1 + Math.floor(rand() * 30) })),
);

const price = (lines: { sku: string; qty: number }[]) =>
  priceOrder({
    dealer: { code: 'D1', region: 'NORTH', priceList: 'RETAIL' },
    on: '2025-11-15',
    lines,
    products,
    dealerPrices,
    regionalPrices: new Map(),
    slabs,
    schemes,
  });

for (const lines of orders.slice(0, 50)) price(lines); // warm up
const times: number[] = [];
let applied = 0;
const started = performance.now();
for (const lines of orders) {
  const t0 = performance.now();
  const r = price(lines);
  times.push(performance.now() - t0);
  if (r.ok) applied += r.schemes.length;
}
const ms = performance.now() - started;
times.sort((a, b) => a - b);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
process.stdout.write(
  `${JSON.stringify({
    orders: orders.length,
    lines_per_order: 20,
    live_schemes: schemes.length,
    slabs: slabs.length,
    ms: round(ms),
    orders_per_s: Math.round((orders.length / ms) * 1000),
    p50_ms: round(times[Math.floor(times.length * 0.5)]!, 3),
    p99_ms: round(times[Math.floor(times.length * 0.99)]!, 3),
    schemes_applied_per_order: round(applied / orders.length, 2),
    node: process.version,
  })}\n`,
);
