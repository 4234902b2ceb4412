/**
 * The slabs CSV: one volume tier per row, keyed by `code`.
 *
 *   code,scope,scope_value,basis,min,percent,price_list,valid_from,valid_to
 *
 * - scope: `sku` | `brand` | `category`, with `scope_value` the SKU, brand or category.
 * - basis: `qty` (`min` in whole sales units) | `amount` (`min` a decimal
 *   amount with at most 2 places, at the list-resolved price).
 * - percent: the discount (decimal, at most 2 places, above 0, at most 100)
 *   → basis points. Tiers of one scope and basis form a ladder: the best tier
 *   reached applies; slabs never stack with each other.
 * - price_list (optional): only for dealers on that list; empty: everyone.
 * - valid_from / valid_to (optional): inclusive days.
 */
import { z } from 'zod';
import type { Slab } from '../domain/pricing/types.js';
import {
  choiceCell,
  dayCell,
  optionalTextCell,
  percentCell,
  requiredTextCell,
} from './cell-schemas.js';
import { sortLoadProblems, type LoadResult } from './load-problem.js';
import { parseMoney } from './money.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { badColumns, findDuplicates, validateRecords } from './validate-records.js';

export const SLABS_COLUMNS: CsvColumns = {
  required: ['code', 'scope', 'scope_value', 'basis', 'min', 'percent'],
  optional: ['price_list', 'valid_from', 'valid_to'],
};

/** `min` as the basis reads it: whole sales units, or minor units of amount; or why not. */
function readMin(basis: 'qty' | 'amount', text: string): bigint | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'is required';
  if (basis === 'qty') {
    return /^\d+$/.test(trimmed) && BigInt(trimmed) > 0n
      ? BigInt(trimmed)
      : 'must be a positive whole number of sales units when basis is qty';
  }
  const money = parseMoney(trimmed);
  if (!money.ok) return money.reason;
  return money.minor > 0n ? money.minor : 'must be more than 0';
}

const cellsSchema = z.object({
  code: requiredTextCell,
  scope: choiceCell(['sku', 'brand', 'category'], 'required'),
  scope_value: requiredTextCell,
  basis: choiceCell(['qty', 'amount'], 'required'),
  min: z.string().optional(),
  percent: percentCell(),
  price_list: optionalTextCell,
  valid_from: dayCell,
  valid_to: dayCell,
});

/** One slabs row, header-keyed cells in, a domain slab with its validity out. */
export const slabRowSchema = cellsSchema
  .check(
    // Runs even when a cell failed, so the row's other problems are listed too.
    z.superRefine(
      (c, ctx) => {
        const bad = badColumns(ctx.issues);
        const issue = (column: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [column], message, input: ctx.value });
        const min = readMin(c.basis, c.min ?? '');
        if (typeof min === 'string') {
          if ((c.min ?? '').trim() === '') issue('min', 'is required');
          else if (!bad.has('basis')) issue('min', min);
        }
        if (!bad.has('percent') && c.percent === null) issue('percent', 'is required');
        if (
          !bad.has('valid_from') &&
          !bad.has('valid_to') &&
          c.valid_from !== null &&
          c.valid_to !== null &&
          c.valid_to < c.valid_from
        ) {
          issue('valid_to', `is before valid_from (${c.valid_from})`);
        }
      },
      { when: () => true },
    ),
  )
  .transform((c) => {
    const min = readMin(c.basis, c.min ?? '');
    const slab: Slab & { validFrom: string | null; validTo: string | null } = {
      id: c.code,
      target: { kind: c.scope, value: c.scope_value },
      basis: c.basis,
      threshold: typeof min === 'bigint' ? min : 0n,
      discountBp: c.percent ?? 0,
      priceList: c.price_list,
      validFrom: c.valid_from,
      validTo: c.valid_to,
    };
    return slab;
  });

export type SlabRow = z.output<typeof slabRowSchema>;

/** A slab row with the line it was read from, for problems found against the database. */
export interface LocatedSlabRow {
  line: number;
  row: SlabRow;
}

/** Parses slabs CSV text; every problem of the file or none. */
export function parseSlabsCsv(
  text: string | Uint8Array,
  fileName: string,
): LoadResult<LocatedSlabRow[]> {
  const table = readCsv(text, fileName, SLABS_COLUMNS);
  return table.ok ? slabsFromTable(table.value) : table;
}

/** Reads and parses a slabs CSV file. */
export async function loadSlabsFile(path: string): Promise<LoadResult<LocatedSlabRow[]>> {
  const table = await readCsvFile(path, SLABS_COLUMNS);
  return table.ok ? slabsFromTable(table.value) : table;
}

function slabsFromTable(table: CsvTable): LoadResult<LocatedSlabRow[]> {
  const { rows, problems } = validateRecords(table, slabRowSchema);
  problems.push(...findDuplicates(table, 'code'));
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ line, row }) => ({ line, row })) };
}
