/**
 * The schemes CSV: one promotion per row, keyed by `code`.
 *
 *   code,name,kind,valid_from,valid_to,target,target_values,stacking,priority,
 *   sku,brand,category,min_qty,min_amount,buy_qty,free_sku,free_qty,repeat,
 *   percent,flat_amount,active
 *
 * - kind: `buy_x_get_y` | `percent_off` | `flat_off` | `order_value`.
 * - target (who gets it): `all` (default) | `region` | `price_list` |
 *   `dealers`, with `target_values` the `|`-separated regions, lists or codes.
 * - stacking: `exclusive` | `best` | `priority`; priority: lower applies first (default 100).
 * - buy_x_get_y: `sku`, `buy_qty`, `free_qty`, optional `free_sku` (default
 *   the same sku) and `repeat` (yes: every `buy_qty`; default no).
 * - percent_off / flat_off: exactly one of `sku`, `brand`, `category`;
 *   `percent` or `flat_amount`; at most one of `min_qty`, `min_amount`.
 * - order_value: `min_amount` and exactly one of `percent`, `flat_amount`.
 * - A rule column that does not apply to the row's kind must be empty.
 *
 * Money: decimals with at most 2 places → minor units; percent: decimals
 * with at most 2 places → basis points. Validated all-or-nothing, every
 * problem listed with its line, column and value.
 */
import { z } from 'zod';
import type { Scheme, SchemeRule, Target } from '../domain/pricing/types.js';
import {
  choiceCell,
  dayCell,
  flagCell,
  listCell,
  moneyCell,
  optionalTextCell,
  percentCell,
  requiredTextCell,
  wholeNumberCell,
} from './cell-schemas.js';
import { sortLoadProblems, type LoadResult } from './load-problem.js';
import { readCsv, readCsvFile, type CsvColumns, type CsvTable } from './read-csv.js';
import { badColumns, findDuplicates, validateRecords } from './validate-records.js';

const RULE_COLUMNS = [
  'sku',
  'brand',
  'category',
  'min_qty',
  'min_amount',
  'buy_qty',
  'free_sku',
  'free_qty',
  'repeat',
  'percent',
  'flat_amount',
] as const;
type RuleColumn = (typeof RULE_COLUMNS)[number];

export const SCHEMES_COLUMNS: CsvColumns = {
  required: ['code', 'name', 'kind', 'stacking'],
  optional: [
    'valid_from',
    'valid_to',
    'target',
    'target_values',
    'priority',
    ...RULE_COLUMNS,
    'active',
  ],
};

const FILE_KINDS = ['buy_x_get_y', 'buy_get', 'percent_off', 'flat_off', 'order_value'] as const;

/** Which rule columns each kind reads; the rest must be empty. */
const KIND_COLUMNS: Record<SchemeRule['kind'], readonly RuleColumn[]> = {
  buy_get: ['sku', 'buy_qty', 'free_sku', 'free_qty', 'repeat'],
  percent_off: ['sku', 'brand', 'category', 'percent', 'min_qty', 'min_amount'],
  flat_off: ['sku', 'brand', 'category', 'flat_amount', 'min_qty', 'min_amount'],
  order_value: ['min_amount', 'percent', 'flat_amount'],
};

const FILE_KIND_NAME: Record<SchemeRule['kind'], string> = {
  buy_get: 'buy_x_get_y',
  percent_off: 'percent_off',
  flat_off: 'flat_off',
  order_value: 'order_value',
};

const cellsSchema = z.object({
  code: requiredTextCell,
  name: requiredTextCell,
  kind: choiceCell(FILE_KINDS, 'required'),
  valid_from: dayCell,
  valid_to: dayCell,
  target: choiceCell(['all', 'region', 'price_list', 'dealers'], 'all'),
  target_values: listCell,
  stacking: choiceCell(['exclusive', 'best', 'priority'], 'required'),
  priority: wholeNumberCell({ allowZero: true }),
  sku: optionalTextCell,
  brand: optionalTextCell,
  category: optionalTextCell,
  min_qty: wholeNumberCell(),
  min_amount: moneyCell({ whenEmpty: null }),
  buy_qty: wholeNumberCell(),
  free_sku: optionalTextCell,
  free_qty: wholeNumberCell(),
  repeat: flagCell(false),
  percent: percentCell(),
  flat_amount: moneyCell({ whenEmpty: null }),
  active: flagCell(true),
});
type Cells = z.output<typeof cellsSchema>;

const ruleKind = (kind: Cells['kind']): SchemeRule['kind'] =>
  kind === 'buy_x_get_y' ? 'buy_get' : kind;

/** A problem of the row's cells taken together: the column to blame and what is wrong. */
type RowIssue = [column: string, message: string];

/**
 * Problems of the cells taken together. `bad` holds the columns whose cell
 * already has a problem: such a cell counts as filled but its value is not
 * read, so every other problem of the row is still reported.
 */
function rowIssues(c: Cells, bad: ReadonlySet<string>): RowIssue[] {
  const issues: RowIssue[] = [];
  const filled = (column: RuleColumn) =>
    bad.has(column) || (column === 'repeat' ? c.repeat : c[column] !== null);
  if (
    !bad.has('valid_from') &&
    !bad.has('valid_to') &&
    c.valid_from !== null &&
    c.valid_to !== null &&
    c.valid_to < c.valid_from
  ) {
    issues.push(['valid_to', `is before valid_from (${c.valid_from})`]);
  }
  if (!bad.has('target') && c.target === 'all' && c.target_values.length > 0) {
    issues.push(['target_values', 'must be empty when target is all']);
  }
  if (!bad.has('target') && c.target !== 'all' && c.target_values.length === 0) {
    issues.push(['target_values', `is required when target is ${c.target}`]);
  }
  if (bad.has('kind')) return issues;
  const kind = ruleKind(c.kind);
  const kindName = FILE_KIND_NAME[kind];
  const need = (column: RuleColumn) => {
    if (!filled(column)) issues.push([column, `is required when kind is ${kindName}`]);
  };
  for (const column of RULE_COLUMNS) {
    if (filled(column) && !KIND_COLUMNS[kind].includes(column)) {
      issues.push([column, `does not apply when kind is ${kindName}; leave it empty`]);
    }
  }
  switch (kind) {
    case 'buy_get':
      need('sku');
      need('buy_qty');
      need('free_qty');
      break;
    case 'percent_off':
    case 'flat_off': {
      const targets = (['sku', 'brand', 'category'] as const).filter(filled);
      if (targets.length === 0) {
        issues.push(['sku', `one of sku, brand, category is required when kind is ${kindName}`]);
      } else if (targets.length > 1) {
        issues.push([targets[1] ?? 'brand', 'give only one of sku, brand, category']);
      }
      need(kind === 'percent_off' ? 'percent' : 'flat_amount');
      if (filled('min_qty') && filled('min_amount')) {
        issues.push(['min_amount', 'give only one of min_qty, min_amount']);
      }
      break;
    }
    case 'order_value':
      need('min_amount');
      if (!filled('percent') && !filled('flat_amount')) {
        issues.push([
          'percent',
          'one of percent, flat_amount is required when kind is order_value',
        ]);
      } else if (filled('percent') && filled('flat_amount')) {
        issues.push(['flat_amount', 'give only one of percent, flat_amount']);
      }
      break;
  }
  if (!bad.has('flat_amount') && c.flat_amount === 0n) {
    issues.push(['flat_amount', 'must be more than 0']);
  }
  return issues;
}

function toRule(c: Cells): SchemeRule {
  const kind = ruleKind(c.kind);
  const target = (): Target =>
    c.sku !== null
      ? { kind: 'sku', value: c.sku }
      : c.brand !== null
        ? { kind: 'brand', value: c.brand }
        : { kind: 'category', value: c.category ?? '' };
  const min = () =>
    c.min_amount !== null
      ? { basis: 'amount' as const, value: c.min_amount }
      : { basis: 'qty' as const, value: BigInt(c.min_qty ?? 0) };
  switch (kind) {
    case 'buy_get':
      return {
        kind,
        buySku: c.sku ?? '',
        buyQty: c.buy_qty ?? 1,
        getSku: c.free_sku ?? c.sku ?? '',
        getQty: c.free_qty ?? 1,
        repeating: c.repeat,
      };
    case 'percent_off':
      return { kind, target: target(), discountBp: c.percent ?? 0, min: min() };
    case 'flat_off':
      return { kind, target: target(), amountMinor: c.flat_amount ?? 0n, min: min() };
    case 'order_value':
      return {
        kind,
        minAmountMinor: c.min_amount ?? 0n,
        discountBp: c.percent,
        amountMinor: c.flat_amount,
      };
  }
}

/** One schemes row, header-keyed cells in, a domain scheme out. */
export const schemeRowSchema = cellsSchema
  .check(
    // Runs even when a cell failed, so the row's other problems are listed too.
    z.superRefine(
      (cells, ctx) => {
        for (const [column, message] of rowIssues(cells, badColumns(ctx.issues))) {
          ctx.addIssue({ code: 'custom', path: [column], message, input: ctx.value });
        }
      },
      { when: () => true },
    ),
  )
  .transform((c) => {
    const scheme: Scheme = {
      id: c.code,
      name: c.name,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      audience: {
        regions: c.target === 'region' ? c.target_values : [],
        priceLists: c.target === 'price_list' ? c.target_values : [],
        dealers: c.target === 'dealers' ? c.target_values : [],
      },
      stacking: c.stacking,
      priority: c.priority ?? 100,
      rule: toRule(c),
    };
    return { scheme, active: c.active };
  });

export type SchemeRow = z.output<typeof schemeRowSchema>;

/** A scheme row with the line it was read from, for problems found against the database. */
export interface LocatedSchemeRow {
  line: number;
  row: SchemeRow;
}

/** Parses schemes CSV text; every problem of the file or none. */
export function parseSchemesCsv(
  text: string | Uint8Array,
  fileName: string,
): LoadResult<LocatedSchemeRow[]> {
  const table = readCsv(text, fileName, SCHEMES_COLUMNS);
  return table.ok ? schemesFromTable(table.value) : table;
}

/** Reads and parses a schemes CSV file. */
export async function loadSchemesFile(path: string): Promise<LoadResult<LocatedSchemeRow[]>> {
  const table = await readCsvFile(path, SCHEMES_COLUMNS);
  return table.ok ? schemesFromTable(table.value) : table;
}

function schemesFromTable(table: CsvTable): LoadResult<LocatedSchemeRow[]> {
  const { rows, problems } = validateRecords(table, schemeRowSchema);
  problems.push(...findDuplicates(table, 'code'));
  if (problems.length > 0) return { ok: false, problems: sortLoadProblems(problems) };
  return { ok: true, value: rows.map(({ line, row }) => ({ line, row })) };
}
