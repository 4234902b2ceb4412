/**
 * Price lists and their prices. A dealer buys on one list; a price applies
 * from `effective_from` to `effective_to` (inclusive days, null = open).
 */
import { sql } from 'kysely';
import type { DateOnly } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import {
  addCounts,
  assertUniqueKeys,
  chunk,
  emptyCounts,
  jsonbParam,
  type UpsertCounts,
} from './bulk.js';
import { ensurePriceLists } from './dealer.repository.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';

export { ensurePriceLists };

export interface UpsertPriceInput {
  /** Created in price_lists if new. */
  priceList: string;
  /** Must be in the catalog (check first with `findMissingSkus`). */
  sku: string;
  /** Price of one sales unit, minor units. */
  priceMinor: bigint;
  /** `YYYY-MM-DD`, inclusive; null or omitted: since always. */
  effectiveFrom?: DateOnly | null;
  /** `YYYY-MM-DD`, inclusive; null or omitted: until further notice. */
  effectiveTo?: DateOnly | null;
}

/**
 * Inserts or updates prices keyed by (price list, sku, effective_from), in
 * one transaction (joining the caller's). Unchanged prices are not written;
 * prices absent from the input are left alone.
 */
export async function upsertPrices(
  db: Executor,
  prices: readonly UpsertPriceInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(
    prices,
    (p) => `${p.priceList}\u0000${p.sku}\u0000${p.effectiveFrom ?? ''}`,
    'price list + sku + effective_from',
  );
  return inTransaction(db, async (trx) => {
    let counts = emptyCounts();
    for (const batch of chunk(prices)) {
      await ensurePriceLists(
        trx,
        batch.map((p) => p.priceList),
      );
      const rows = batch.map((p) => ({
        price_list: p.priceList,
        sku: p.sku,
        price_minor: p.priceMinor,
        effective_from: p.effectiveFrom ?? null,
        effective_to: p.effectiveTo ?? null,
      }));
      const { rows: written } = await sql<{ inserted: boolean }>`
        INSERT INTO prices AS p (price_list, sku, price_minor, effective_from, effective_to)
        SELECT t.price_list, t.sku, t.price_minor, t.effective_from, t.effective_to
        FROM jsonb_to_recordset(${jsonbParam(rows)}) AS t(
          price_list text, sku text, price_minor bigint, effective_from date, effective_to date)
        ON CONFLICT ON CONSTRAINT prices_price_list_sku_effective_from_key DO UPDATE SET
          price_minor = excluded.price_minor, effective_to = excluded.effective_to
        WHERE (p.price_minor, p.effective_to) IS DISTINCT FROM (excluded.price_minor, excluded.effective_to)
        RETURNING (xmax = 0) AS inserted`.execute(trx);
      const inserted = written.filter((r) => r.inserted).length;
      counts = addCounts(counts, {
        inserted,
        updated: written.length - inserted,
        unchanged: batch.length - written.length,
      });
    }
    return counts;
  });
}

export interface FindEffectivePricesInput {
  priceList: string;
  skus: readonly string[];
  /** The day the prices must be in effect, `YYYY-MM-DD`. */
  on: DateOnly;
}

/**
 * The price of each sku on a list on a day: the one with the latest
 * effective_from that covers the day. Skus without one are absent (pricing
 * falls back to the list price).
 */
export async function findEffectivePrices(
  db: Executor,
  input: FindEffectivePricesInput,
): Promise<Map<string, bigint>> {
  if (input.skus.length === 0) return new Map();
  const { rows } = await sql<{ sku: string; price_minor: bigint }>`
    SELECT DISTINCT ON (sku) sku, price_minor
    FROM prices
    WHERE price_list = ${input.priceList}
      AND sku = any(${[...new Set(input.skus)]}::text[])
      AND (effective_from IS NULL OR effective_from <= ${input.on}::date)
      AND (effective_to IS NULL OR effective_to >= ${input.on}::date)
    ORDER BY sku, effective_from DESC NULLS LAST`.execute(db);
  return new Map(rows.map((r) => [r.sku, r.price_minor]));
}

export interface EffectivePriceEntry {
  sku: string;
  price_minor: bigint;
  effective_from: DateOnly | null;
}

/** The query behind `findEffectivePriceEntries`, unexecuted: for the SQL snapshot test. */
export function effectivePriceEntriesQuery(input: FindEffectivePricesInput) {
  return sql<EffectivePriceEntry>`
    SELECT DISTINCT ON (sku) sku, price_minor, effective_from
    FROM prices
    WHERE price_list = ${input.priceList}
      AND sku = any(${[...new Set(input.skus)]}::text[])
      AND (effective_from IS NULL OR effective_from <= ${input.on}::date)
      AND (effective_to IS NULL OR effective_to >= ${input.on}::date)
    ORDER BY sku, effective_from DESC NULLS LAST`;
}

/** As `findEffectivePrices`, with the effective_from of each price (for the line's explanation). */
export async function findEffectivePriceEntries(
  db: Executor,
  input: FindEffectivePricesInput,
): Promise<EffectivePriceEntry[]> {
  if (input.skus.length === 0) return [];
  const { rows } = await effectivePriceEntriesQuery(input).execute(db);
  return rows;
}

export interface FindRegionalPricesInput {
  region: string;
  skus: readonly string[];
  on: DateOnly;
}

export interface RegionalPriceEntry extends EffectivePriceEntry {
  price_list: string;
}

/**
 * Prices on the lists of a region (price_lists.region) in effect on a day:
 * the second fallback after the dealer's own list. With several lists for
 * one region the first by name wins, so the answer never depends on row order.
 */
export async function findRegionalPriceEntries(
  db: Executor,
  input: FindRegionalPricesInput,
): Promise<RegionalPriceEntry[]> {
  if (input.skus.length === 0) return [];
  const { rows } = await sql<RegionalPriceEntry>`
    SELECT DISTINCT ON (p.sku) p.sku, p.price_minor, p.effective_from, p.price_list
    FROM prices p JOIN price_lists l ON l.name = p.price_list
    WHERE l.region = ${input.region}
      AND p.sku = any(${[...new Set(input.skus)]}::text[])
      AND (p.effective_from IS NULL OR p.effective_from <= ${input.on}::date)
      AND (p.effective_to IS NULL OR p.effective_to >= ${input.on}::date)
    ORDER BY p.sku, p.price_list, p.effective_from DESC NULLS LAST`.execute(db);
  return rows;
}

export interface PricingEntry {
  sku: string;
  list_price_minor: bigint;
  active: boolean;
  brand: string | null;
  category: string | null;
  tax_rate_bp: number;
  /** The dealer's list price in effect (as findEffectivePriceEntries); null: none. */
  own_price_minor: bigint | null;
  own_effective_from: DateOnly | null;
  /** The region's list price in effect (as findRegionalPriceEntries); null: none. */
  regional_price_minor: bigint | null;
  regional_effective_from: DateOnly | null;
  regional_price_list: string | null;
}

/**
 * What pricing reads per sku in one statement: the product (as findProductsBySku), the price on
 * the dealer's list and the price on its region's lists in effect on the day (the same rules as
 * findEffectivePriceEntries and findRegionalPriceEntries). One round trip instead of three;
 * a sku not in the catalog is absent (prices reference products, so none is lost).
 */
export async function findPricingEntries(
  db: Executor,
  input: { skus: readonly string[]; priceList: string | null; region: string | null; on: DateOnly },
): Promise<PricingEntry[]> {
  if (input.skus.length === 0) return [];
  // a multi-row statement: the pricing reads of a batch's messages are one (multi-row.ts)
  const [rows] = await runMultiRow<PricingEntry>(db, PRICING_ENTRIES_SQL, [
    {
      skus: [...new Set(input.skus)],
      priceList: input.priceList,
      region: input.region,
      on: input.on,
    },
  ]);
  return rows ?? [];
}

const PRICING_ENTRIES_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, ARRAY(SELECT DISTINCT jsonb_array_elements_text(doc->'skus')) AS skus,
           doc->>'priceList' AS price_list,
           doc->>'region' AS region, (doc->>'on')::date AS on_day
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  )
  SELECT r.i AS _i, pr.sku, pr.list_price_minor, pr.active, pr.brand, pr.category, pr.tax_rate_bp,
         own.price_minor AS own_price_minor, own.effective_from AS own_effective_from,
         reg.price_minor AS regional_price_minor, reg.effective_from AS regional_effective_from,
         reg.price_list AS regional_price_list
    FROM r JOIN products pr ON pr.sku = ANY(r.skus)
    LEFT JOIN LATERAL (
           SELECT p.price_minor, p.effective_from FROM prices p
            WHERE p.price_list = r.price_list AND p.sku = pr.sku
              AND (p.effective_from IS NULL OR p.effective_from <= r.on_day)
              AND (p.effective_to IS NULL OR p.effective_to >= r.on_day)
            ORDER BY p.effective_from DESC NULLS LAST LIMIT 1) own ON true
    LEFT JOIN LATERAL (
           SELECT p.price_minor, p.effective_from, p.price_list
             FROM prices p JOIN price_lists l ON l.name = p.price_list
            WHERE l.region = r.region AND p.sku = pr.sku
              AND (p.effective_from IS NULL OR p.effective_from <= r.on_day)
              AND (p.effective_to IS NULL OR p.effective_to >= r.on_day)
            ORDER BY p.price_list, p.effective_from DESC NULLS LAST LIMIT 1) reg ON true
   ORDER BY r.i, pr.sku`;

/** Sets the region of price lists (the optional `region` column of the prices CSV). */
export async function setPriceListRegions(
  db: Executor,
  regions: readonly { priceList: string; region: string }[],
): Promise<void> {
  for (const r of regions) {
    await db
      .updateTable('price_lists')
      .set({ region: r.region })
      .where('name', '=', r.priceList)
      .where((eb) => eb.or([eb('region', 'is', null), eb('region', '!=', r.region)]))
      .execute();
  }
}

/** The price lists of the input that do not exist, in input order, once each. */
export async function findMissingPriceLists(
  db: Executor,
  names: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ name: string }>`
    SELECT w.name FROM unnest(${wanted}::text[]) WITH ORDINALITY AS w(name, n)
    WHERE NOT EXISTS (SELECT 1 FROM price_lists l WHERE l.name = w.name)
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.name);
}
