/**
 * The catalog CSV (docs/parse-cli.md): one row per SKU with its sales
 * unit, pack size and list price, and optionally its GST-style `tax_rate`
 * (a percentage such as 18 or 5.5).
 */
import { z } from 'zod';
import {
  listCell,
  moneyCell,
  optionalTextCell,
  percentCell,
  positiveIntegerCell,
  requiredTextCell,
} from './cell-schemas.js';
import { sortLoadProblems, type LoadResult } from './load-problem.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { findDuplicates, validateRecords } from './validate-records.js';

export const CATALOG_COLUMNS: CsvColumns = {
  required: ['sku', 'name', 'unit', 'price'],
  optional: ['pack_size', 'piece_unit', 'aliases', 'brand', 'category', 'tax_rate'],
};

/** One catalog row, header-keyed cells in, typed row out. */
export const catalogRowSchema = z
  .object({
    sku: requiredTextCell,
    name: requiredTextCell,
    unit: requiredTextCell,
    pack_size: positiveIntegerCell(1),
    piece_unit: optionalTextCell,
    price: moneyCell({ whenEmpty: 'required' }),
    aliases: listCell,
    brand: optionalTextCell,
    category: optionalTextCell,
    tax_rate: percentCell({ allowZero: true }),
  })
  .transform((cells) => ({
    sku: cells.sku,
    name: cells.name,
    unit: cells.unit,
    /** Pieces in one sales unit; 1 when the column is empty or absent. */
    packSize: cells.pack_size,
    pieceUnit: cells.piece_unit,
    /** List price of one sales unit in minor units (paise). */
    priceMinor: cells.price,
    aliases: cells.aliases,
    brand: cells.brand,
    category: cells.category,
    /** Tax rate in basis points (1800 = 18%); `null` when not given (an import keeps the stored rate). */
    taxRateBp: cells.tax_rate,
  }));

export type CatalogRow = z.output<typeof catalogRowSchema>;

/** Parses catalog CSV text; every problem of the file or none. */
export function parseCatalogCsv(
  text: string | Uint8Array,
  fileName: string,
): LoadResult<CatalogRow[]> {
  const table = readCsv(text, fileName, CATALOG_COLUMNS);
  return table.ok ? catalogFromTable(table.value) : table;
}

/** Reads and parses a catalog CSV file. */
export async function loadCatalogFile(path: string): Promise<LoadResult<CatalogRow[]>> {
  const table = await readCsvFile(path, CATALOG_COLUMNS);
  return table.ok ? catalogFromTable(table.value) : table;
}

function catalogFromTable(table: CsvTable): LoadResult<CatalogRow[]> {
  const { rows, problems } = validateRecords(table, catalogRowSchema);
  // The parser looks SKUs up case-insensitively, so "ab-1" and "AB-1" would collide there.
  problems.push(...findDuplicates(table, 'sku'));
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ row }) => row) };
}
