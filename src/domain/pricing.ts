/**
 * List pricing: each line is priced from the dealer's price list (the price
 * in effect today), falling back to the product's list price. Every priced
 * line carries its explanation, so the price can be shown to a dealer or an
 * auditor. Slabs, schemes and exceptions come later as further steps.
 */
import { multiplyMinor, sumMinor, type Minor } from './money.js';

export interface PriceLineInput {
  sku: string;
  /** Whole sales units. */
  qty: number;
}

export interface ProductPriceFacts {
  sku: string;
  listPriceMinor: Minor;
  active: boolean;
}

export interface PriceListEntry {
  priceMinor: Minor;
  /** `YYYY-MM-DD` or null (since always). */
  effectiveFrom: string | null;
}

/** One step of how a line's price was reached (stored as JSON on the line). */
export type PriceStep =
  | {
      step: 'price_list';
      price_list: string;
      effective_from: string | null;
      unit_price: string;
    }
  | {
      step: 'list_price';
      /** Why the product's list price was used. */
      because: 'no_price_list' | 'not_on_price_list';
      price_list: string | null;
      unit_price: string;
    };

export interface PricedLine {
  sku: string;
  qty: number;
  listPriceMinor: Minor;
  unitPriceMinor: Minor;
  lineTotalMinor: Minor;
  explanation: PriceStep[];
}

export interface PriceOrderInput {
  lines: readonly PriceLineInput[];
  /** The dealer's price list; null: list prices. */
  priceList: string | null;
  products: ReadonlyMap<string, ProductPriceFacts>;
  /** Prices in effect on the pricing day, from `priceList`, by sku. */
  listEntries: ReadonlyMap<string, PriceListEntry>;
}

export type PriceOrderResult =
  | { ok: true; lines: PricedLine[]; subtotalMinor: Minor; totalMinor: Minor }
  /** Skus not in the catalog or no longer sold: the order cannot be priced. */
  | { ok: false; unpriceable: string[] };

export function priceOrder(input: PriceOrderInput): PriceOrderResult {
  const unpriceable = input.lines
    .filter((l) => input.products.get(l.sku)?.active !== true)
    .map((l) => l.sku);
  if (unpriceable.length > 0) return { ok: false, unpriceable: [...new Set(unpriceable)] };

  const lines = input.lines.map((line): PricedLine => {
    const product = input.products.get(line.sku)!;
    const entry = input.listEntries.get(line.sku);
    const unitPriceMinor = entry?.priceMinor ?? product.listPriceMinor;
    const step: PriceStep =
      entry !== undefined && input.priceList !== null
        ? {
            step: 'price_list',
            price_list: input.priceList,
            effective_from: entry.effectiveFrom,
            unit_price: formatUnit(unitPriceMinor),
          }
        : {
            step: 'list_price',
            because: input.priceList === null ? 'no_price_list' : 'not_on_price_list',
            price_list: input.priceList,
            unit_price: formatUnit(unitPriceMinor),
          };
    return {
      sku: line.sku,
      qty: line.qty,
      listPriceMinor: product.listPriceMinor,
      unitPriceMinor,
      lineTotalMinor: multiplyMinor(unitPriceMinor, line.qty),
      explanation: [step],
    };
  });
  const subtotalMinor = sumMinor(lines.map((l) => l.lineTotalMinor));
  return { ok: true, lines, subtotalMinor, totalMinor: subtotalMinor };
}

function formatUnit(minor: Minor): string {
  return `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;
}
