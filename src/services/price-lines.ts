/**
 * Reads what pricing needs — the products, the dealer's list and regional
 * list prices in effect on the day, the live slabs and schemes — and applies
 * the pure rules of domain/pricing.
 */
import {
  priceOrder,
  type ListPrice,
  type PriceOrderInput,
  type PriceOrderLine,
  type PriceOrderResult,
} from '../domain/pricing/index.js';
import type { Executor } from '../db/transaction.js';
import { findPricingEntries } from '../repositories/price.repository.js';
import { findLiveSchemes } from '../repositories/scheme.repository.js';
import { findLiveSlabs } from '../repositories/slab.repository.js';

export interface PriceLinesInput {
  dealer: { code: string; region: string | null; priceList: string | null };
  lines: readonly PriceOrderLine[];
  /** The pricing day: prices, slabs and schemes whose dates cover it (UTC calendar day). */
  at: Date;
  /** The day's slabs and schemes, read already (a worker's cache); default: read them here. */
  rules?: PricingRules;
}

/** The slabs and schemes live on a pricing day. */
export type PricingRules = Pick<PriceOrderInput, 'slabs' | 'schemes'>;

/** The pricing day of a moment: its UTC calendar day. */
export function pricingDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export async function loadPricingRules(db: Executor, on: string): Promise<PricingRules> {
  const [slabs, schemes] = await Promise.all([findLiveSlabs(db, on), findLiveSchemes(db, on)]);
  return { slabs, schemes };
}

export async function priceLines(db: Executor, input: PriceLinesInput): Promise<PriceOrderResult> {
  const context = await loadPricing(db, {
    dealer: input.dealer,
    skus: input.lines.map((l) => l.sku),
    at: input.at,
    ...(input.rules === undefined ? {} : { rules: input.rules }),
  });
  return priceOrder({ ...context, lines: input.lines });
}

/**
 * What one sales unit of each product costs this dealer today on its own
 * (price list, regional list or catalog price; a slab or scheme reached by
 * one unit alone included): the price a catalog search shows. Products not
 * sold are left out.
 */
export async function unitPrices(
  db: Executor,
  input: Omit<PriceLinesInput, 'lines'> & { skus: readonly string[] },
): Promise<Map<string, bigint>> {
  const context = await loadPricing(db, input);
  const out = new Map<string, bigint>();
  for (const sku of input.skus) {
    const priced = priceOrder({ ...context, lines: [{ sku, qty: 1, requestedPriceMinor: null }] });
    const line = priced.ok ? priced.lines.find((l) => !l.free) : undefined;
    if (line) out.set(sku, line.unitPriceMinor);
  }
  return out;
}

async function loadPricing(
  db: Executor,
  input: Omit<PriceLinesInput, 'lines'> & { skus: readonly string[] },
): Promise<Omit<PriceOrderInput, 'lines'>> {
  const on = pricingDay(input.at);
  const { slabs, schemes } = input.rules ?? (await loadPricingRules(db, on));
  // free goods may be another sku: load those products too
  const skus = [
    ...new Set([
      ...input.skus,
      ...schemes.flatMap((s) => (s.rule.kind === 'buy_get' ? [s.rule.getSku] : [])),
    ]),
  ];
  const { priceList, region } = input.dealer;
  // products, the dealer's list and the region's lists: one statement
  const rows = await findPricingEntries(db, { skus, priceList, region, on });
  return {
    dealer: input.dealer,
    on,
    products: new Map(
      rows.map((p) => [
        p.sku,
        {
          sku: p.sku,
          listPriceMinor: p.list_price_minor,
          active: p.active,
          brand: p.brand,
          category: p.category,
          taxRateBp: p.tax_rate_bp,
        },
      ]),
    ),
    dealerPrices: new Map(
      rows.flatMap((e): [string, ListPrice][] =>
        priceList === null || e.own_price_minor === null
          ? []
          : [
              [
                e.sku,
                { priceList, priceMinor: e.own_price_minor, effectiveFrom: e.own_effective_from },
              ],
            ],
      ),
    ),
    regionalPrices: new Map(
      rows.flatMap((e): [string, ListPrice][] =>
        region === null || e.regional_price_minor === null || e.regional_price_list === null
          ? []
          : [
              [
                e.sku,
                {
                  priceList: e.regional_price_list,
                  priceMinor: e.regional_price_minor,
                  effectiveFrom: e.regional_effective_from,
                },
              ],
            ],
      ),
    ),
    slabs,
    schemes,
  };
}
