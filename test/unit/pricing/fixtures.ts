/** Small pricing inputs for the unit tests: products, a dealer, builders for slabs and schemes. */
import type {
  PriceOrderInput,
  PricingProduct,
  Scheme,
  SchemeRule,
  Slab,
  Stacking,
} from '../../../src/domain/pricing/index.js';

export const P = (
  sku: string,
  listPriceMinor: bigint,
  over: Partial<PricingProduct> = {},
): PricingProduct => ({
  sku,
  listPriceMinor,
  active: true,
  brand: null,
  category: null,
  taxRateBp: 0,
  ...over,
});

export const products = new Map<string, PricingProduct>([
  ['MCB16', P('MCB16', 100_00n, { brand: 'Voltra', category: 'MCB', taxRateBp: 1800 })],
  ['MCB32', P('MCB32', 120_00n, { brand: 'Voltra', category: 'MCB', taxRateBp: 1800 })],
  ['LED9', P('LED9', 50_00n, { brand: 'Lumex', category: 'LED', taxRateBp: 1200 })],
  ['WIRE', P('WIRE', 1_850_00n, { brand: 'Copperline', category: 'Wire', taxRateBp: 1800 })],
  ['TAPE', P('TAPE', 10_05n, { brand: 'Stik', category: 'Tape', taxRateBp: 500 })],
]);

export const input = (over: Partial<PriceOrderInput> = {}): PriceOrderInput => ({
  dealer: { code: 'D1', region: 'NORTH', priceList: 'RETAIL' },
  on: '2025-11-15',
  lines: [],
  products,
  dealerPrices: new Map(),
  regionalPrices: new Map(),
  slabs: [],
  schemes: [],
  ...over,
});

export const slab = (over: Partial<Slab> & Pick<Slab, 'id'>): Slab => ({
  target: { kind: 'brand', value: 'Voltra' },
  basis: 'qty',
  threshold: 10n,
  discountBp: 500,
  priceList: null,
  ...over,
});

export const scheme = (
  id: string,
  rule: SchemeRule,
  stacking: Stacking = 'priority',
  over: Partial<Scheme> = {},
): Scheme => ({
  id,
  name: `Scheme ${id}`,
  validFrom: null,
  validTo: null,
  audience: { regions: [], priceLists: [], dealers: [] },
  stacking,
  priority: 100,
  rule,
  ...over,
});

export const pctOff = (bp: number, value = 'Voltra', min = 0n): SchemeRule => ({
  kind: 'percent_off',
  target: { kind: 'brand', value },
  discountBp: bp,
  min: { basis: 'qty', value: min },
});
