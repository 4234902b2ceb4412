/**
 * Products: the catalog the parser matches against and pricing starts from.
 */
import { sql } from 'kysely';
import type { Product } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import {
  addCounts,
  assertUniqueKeys,
  chunk,
  emptyCounts,
  jsonbParam,
  type UpsertCounts,
} from './bulk.js';

export interface UpsertProductInput {
  sku: string;
  name: string;
  /** The sales unit an order line is counted in. */
  unit: string;
  /** Pieces in one sales unit (>= 1). */
  packSize: number;
  pieceUnit: string | null;
  /** List price of one sales unit, minor units. */
  listPriceMinor: bigint;
  aliases: readonly string[];
  brand: string | null;
  category: string | null;
  /** Basis points (1800 = 18%). Omitted: keep the stored rate (0 for a new product). */
  taxRateBp?: number;
  /** Default true: a product in an import is sellable. */
  active?: boolean;
}

/**
 * Inserts new products and updates changed ones, in bulk. A row identical to
 * the stored one is not written (its updated_at stays), so re-importing the
 * same file changes nothing. Products absent from the input are left alone.
 */
export async function upsertProducts(
  db: Executor,
  products: readonly UpsertProductInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(products, (p) => p.sku, 'sku');
  let counts = emptyCounts();
  for (const batch of chunk(products)) {
    const rows = batch.map((p) => ({
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      pack_size: p.packSize,
      piece_unit: p.pieceUnit,
      list_price_minor: p.listPriceMinor,
      aliases: p.aliases,
      brand: p.brand,
      category: p.category,
      tax_rate_bp: p.taxRateBp ?? null,
      active: p.active ?? true,
    }));
    const { rows: written } = await sql<{ inserted: boolean }>`
      INSERT INTO products AS p
        (sku, name, unit, pack_size, piece_unit, list_price_minor, aliases, brand, category,
         tax_rate_bp, active)
      SELECT t.sku, t.name, t.unit, t.pack_size, t.piece_unit, t.list_price_minor, t.aliases,
             t.brand, t.category, coalesce(t.tax_rate_bp, old.tax_rate_bp, 0), t.active
      FROM jsonb_to_recordset(${jsonbParam(rows)}) AS t(
        sku text, name text, unit text, pack_size integer, piece_unit text,
        list_price_minor bigint, aliases text[], brand text, category text,
        tax_rate_bp integer, active boolean)
      LEFT JOIN products old ON old.sku = t.sku
      ON CONFLICT (sku) DO UPDATE SET
        name = excluded.name, unit = excluded.unit, pack_size = excluded.pack_size,
        piece_unit = excluded.piece_unit, list_price_minor = excluded.list_price_minor,
        aliases = excluded.aliases, brand = excluded.brand, category = excluded.category,
        tax_rate_bp = excluded.tax_rate_bp, active = excluded.active
      WHERE (p.name, p.unit, p.pack_size, p.piece_unit, p.list_price_minor, p.aliases, p.brand,
             p.category, p.tax_rate_bp, p.active)
        IS DISTINCT FROM
            (excluded.name, excluded.unit, excluded.pack_size, excluded.piece_unit,
             excluded.list_price_minor, excluded.aliases, excluded.brand, excluded.category,
             excluded.tax_rate_bp, excluded.active)
      RETURNING (xmax = 0) AS inserted`.execute(db);
    const inserted = written.filter((r) => r.inserted).length;
    counts = addCounts(counts, {
      inserted,
      updated: written.length - inserted,
      unchanged: batch.length - written.length,
    });
  }
  return counts;
}

/** Every sellable product, by sku. */
export async function listActiveProducts(db: Executor): Promise<Product[]> {
  return db.selectFrom('products').selectAll().where('active', '=', true).orderBy('sku').execute();
}

/** The products with these skus (any that exist, active or not). */
export async function findProductsBySku(db: Executor, skus: readonly string[]): Promise<Product[]> {
  if (skus.length === 0) return [];
  return db
    .selectFrom('products')
    .selectAll()
    .where('sku', '=', sql<string>`any(${[...skus]}::text[])`)
    .orderBy('sku')
    .execute();
}

/** The skus of the input that are not in the catalog, in input order, once each. */
export async function findMissingSkus(db: Executor, skus: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(skus)];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ sku: string }>`
    SELECT w.sku FROM unnest(${wanted}::text[]) WITH ORDINALITY AS w(sku, n)
    WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = w.sku)
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.sku);
}

/**
 * The brands (or categories) of the input no product carries, compared
 * case-insensitively as pricing matches them; in input order, once each.
 */
export async function findMissingBrandsOrCategories(
  db: Executor,
  column: 'brand' | 'category',
  values: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(values)];
  if (wanted.length === 0) return [];
  const { rows } = await sql<{ value: string }>`
    SELECT w.value FROM unnest(${wanted}::text[]) WITH ORDINALITY AS w(value, n)
    WHERE NOT EXISTS (
      SELECT 1 FROM products p WHERE lower(${sql.ref(`p.${column}`)}) = lower(w.value))
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.value);
}
