/**
 * Reads what list pricing needs (products, the dealer's price list entries
 * in effect on the day) and applies the pure rule in domain/pricing.ts.
 */
import { priceOrder, type PriceLineInput, type PriceOrderResult } from '../domain/pricing.js';
import type { Executor } from '../db/transaction.js';
import { findProductsBySku } from '../repositories/catalog.repository.js';
import { findEffectivePriceEntries } from '../repositories/price.repository.js';

export interface PriceLinesInput {
  priceList: string | null;
  lines: readonly PriceLineInput[];
  /** The pricing day: prices whose effective dates cover it (UTC calendar day). */
  at: Date;
}

export async function priceLines(db: Executor, input: PriceLinesInput): Promise<PriceOrderResult> {
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const [products, entries] = await Promise.all([
    findProductsBySku(db, skus),
    input.priceList === null
      ? Promise.resolve([])
      : findEffectivePriceEntries(db, {
          priceList: input.priceList,
          skus,
          on: input.at.toISOString().slice(0, 10),
        }),
  ]);
  return priceOrder({
    lines: input.lines,
    priceList: input.priceList,
    products: new Map(
      products.map((p) => [
        p.sku,
        { sku: p.sku, listPriceMinor: p.list_price_minor, active: p.active },
      ]),
    ),
    listEntries: new Map(
      entries.map((e) => [e.sku, { priceMinor: e.price_minor, effectiveFrom: e.effective_from }]),
    ),
  });
}
