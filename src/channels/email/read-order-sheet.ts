/**
 * An order sheet (rows of cells from a CSV, a spreadsheet or a PDF table) →
 * plain order lines the parser reads: `<code> <description> <qty> <unit>`.
 *
 * The header row is found, not assumed: the first row (within the first
 * `HEADER_SEARCH_ROWS`) that names a quantity column (qty, quantity, cases,
 * pcs, ...) and a code or description column, in any order. Below it, blank
 * rows, totals rows and rows without a positive quantity are skipped;
 * price, amount and serial-number columns are ignored. A quantity header
 * that names a unit ("Cases", "Pcs", "Qty (cs)") gives the unit; a Unit/UOM
 * column gives it per row; a plain "Qty" leaves the product's sales unit.
 *
 * Pure: rows in, lines out.
 */

export interface ReadOrderSheetInput {
  /** The sheet's rows, top to bottom; each cell as text. */
  rows: readonly (readonly string[])[];
  /** At most this many lines are produced. Default `MAX_SHEET_LINES`. */
  maxLines?: number;
}

export type ReadOrderSheetResult =
  | {
      found: true;
      lines: string[];
      /** The header cells as found. */
      header: string[];
      /** Rows below the header that made no line (blank, totals, no quantity). */
      skipped: number;
      /** true when `maxLines` cut the sheet short. */
      truncated: boolean;
    }
  | { found: false; reason: string };

/** How far down a sheet the header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;
/** Default cap on the lines one sheet produces. */
export const MAX_SHEET_LINES = 500;

type Role = 'code' | 'item' | 'qty' | 'unit' | 'ignore';

const IGNORE =
  /^(s\.?\s?no\.?|sr\.?( ?no\.?)?|sl\.?( ?no\.?)?|#|no\.?|mrp|rate|price|unit ?price|amount|value|total|line ?total|disc(ount)?%?|tax|gst%?|hsn|remarks?|notes?)$/i;
const CODE =
  /^(sku|code|item ?code|product ?code|article( ?no\.?)?|part ?no\.?|cat(alogue)? ?no\.?|sku ?code)$/i;
const ITEM =
  /^(item|items|description|desc\.?|item ?description|product|product ?name|item ?name|particulars?|name|material|goods)$/i;
const UNIT = /^(unit|units|uom|unit of measure)$/i;
const QTY_PLAIN = /^(qty\.?|qnty|quantity|order ?qty\.?|ord\.? ?qty|req(uired)? ?qty\.?|nos\.?)$/i;
const QTY_UNIT =
  /^(cases?|cs|ctns?|cartons?|boxes|box|pcs|pieces|pc|bags?|packs?|packets?|coils?|rolls?|buckets?|tins?|dozens?|doz)$/i;
const QTY_WITH_PAREN = /^(qty\.?|quantity|order ?qty\.?)\s*[([]\s*([a-z.]+)\s*[)\]]$/i;
const TOTAL_ROW =
  /^(sub-?\s*)?total\b|\bgrand\s*total\b|^total\s*(qty|quantity|amount|value)?\s*:?$/i;

interface Column {
  role: Role;
  /** For a quantity column: the unit its header names ('' = the sales unit). */
  unit: string;
}

function roleOf(cell: string): Column {
  const c = cell
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[:*]+$/, '');
  if (c === '') return { role: 'ignore', unit: '' };
  const paren = QTY_WITH_PAREN.exec(c);
  if (paren) return { role: 'qty', unit: paren[2]!.toLowerCase().replace(/\.$/, '') };
  if (QTY_PLAIN.test(c)) return { role: 'qty', unit: '' };
  if (QTY_UNIT.test(c)) return { role: 'qty', unit: c.toLowerCase() };
  if (IGNORE.test(c)) return { role: 'ignore', unit: '' };
  if (CODE.test(c)) return { role: 'code', unit: '' };
  if (ITEM.test(c)) return { role: 'item', unit: '' };
  if (UNIT.test(c)) return { role: 'unit', unit: '' };
  return { role: 'ignore', unit: '' };
}

/** Whether these cells name a quantity column and a code or description column. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const columns = cells.map(roleOf);
  return (
    columns.some((c) => c.role === 'qty') &&
    columns.some((c) => c.role === 'code' || c.role === 'item')
  );
}

function findHeader(
  rows: readonly (readonly string[])[],
): { index: number; columns: Column[] } | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const columns = rows[i]!.map(roleOf);
    const hasQty = columns.some((c) => c.role === 'qty');
    const hasWhat = columns.some((c) => c.role === 'code' || c.role === 'item');
    if (hasQty && hasWhat) return { index: i, columns };
  }
  return null;
}

/** "2", "2.0", "1,200", "12 cs" → the text to put in the line; null when no positive quantity. */
function quantityText(cell: string, unit: string): string | null {
  const c = cell.trim();
  if (c === '' || c === '-') return null;
  const plain = /^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(c);
  if (plain) {
    const n = Number(c.replace(/,/g, ''));
    if (!Number.isFinite(n) || n <= 0) return null;
    return `${String(n)} ${unit}`.trim();
  }
  // a quantity with its unit written in the cell: keep it as the dealer wrote it
  const withUnit = /^(\d+(\.\d+)?)\s*[a-z]/i.exec(c);
  if (withUnit && Number(withUnit[1]) > 0) return c.replace(/\s+/g, ' ');
  return null;
}

export function readOrderSheet(input: ReadOrderSheetInput): ReadOrderSheetResult {
  const maxLines = input.maxLines ?? MAX_SHEET_LINES;
  const header = findHeader(input.rows);
  if (header === null) {
    return {
      found: false,
      reason: `no header row with a quantity column and a code or description column in the first ${HEADER_SEARCH_ROWS} rows`,
    };
  }
  const { columns } = header;
  const lines: string[] = [];
  let skipped = 0;
  let truncated = false;
  for (const row of input.rows.slice(header.index + 1)) {
    const cells = row.map((c) => c.replace(/\s+/g, ' ').trim());
    if (cells.every((c) => c === '')) {
      skipped++;
      continue;
    }
    if (cells.some((c) => TOTAL_ROW.test(c))) {
      skipped++;
      continue;
    }
    const pick = (role: Role) =>
      cells.filter((c, k) => columns[k]?.role === role && c !== '' && c !== '-');
    const what = [...pick('code'), ...pick('item')];
    const rowUnit = pick('unit')[0]?.toLowerCase() ?? '';
    const quantities = cells
      .map((c, k) => {
        const col = columns[k];
        if (col?.role !== 'qty') return null;
        return quantityText(c, col.unit === '' ? rowUnit : col.unit);
      })
      .filter((q): q is string => q !== null);
    if (what.length === 0 || quantities.length === 0) {
      skipped++;
      continue;
    }
    if (lines.length >= maxLines) {
      truncated = true;
      break;
    }
    lines.push([...what, ...quantities].join(' '));
  }
  return {
    found: true,
    lines,
    header: input.rows[header.index]!.map((c) => c.trim()),
    skipped,
    truncated,
  };
}
