/**
 * Plain-text tables (pipe, tab, CSV or space-aligned, as in POs): find the header row
 * with a quantity column, then turn each row into one order line text
 * "<code> <description> <pack> <qty> <unit>". The unit comes from the row's unit
 * column, else a Pack cell that names a container ("Carton (20)"), else the header ("Qty (cs)",
 * "Pcs"). Totals and rows that don't fit pass through
 * untouched.
 */
import { PACK_WORDS, PIECE_WORDS, unitFamily } from '../lexicon/units.js';

/** Ends a row's Dealer cell in the line a row becomes: "Shifa Medical — Fusizen cream 10". */
export const DEALER_CELL_END = ' — ';

export interface TableRows {
  /** Lines with table rows rewritten; other lines unchanged. */
  lines: string[];
  found: boolean;
}

type Splitter = (line: string) => string[];

const SPLITTERS: Splitter[] = [
  (l) =>
    l.includes('|')
      ? l
          .split('|')
          .map((c) => c.trim())
          .filter((c, i, all) => !(c === '' && (i === 0 || i === all.length - 1)))
      : [],
  (l) => (l.includes('\t') ? l.split('\t').map((c) => c.trim()) : []),
  (l) =>
    l
      .trim()
      .split(/\s{2,}/)
      .map((c) => c.trim()),
  (l) => (l.includes(',') ? l.split(',').map((c) => c.trim()) : []),
];

const QTY_HEADER =
  /^(qty|qnty|quantity|order ?qty|cases?|cs|ctns?|cartons?|boxes|pcs|pieces|nos|units?|bags?)\b|\bqty\b|\bquantity\b/i;
const ITEM_HEADER =
  /\b(item|description|desc|product|particulars?|name|material|sku|code|article)\b/i;
const CODE_HEADER = /\b(sku|code|item ?code|article)\b/i;
const DEALER_HEADER = /\b(dealer|party|customer|shop|outlet|retailer|store)\b/i;
/** Columns that tell family members apart: size, strength, shade, grade, form. */
const PACK_HEADER =
  /\b(pack|packing|size|variant|strength|dose|dosage|grade|colou?r|shade|spec|specification|form|type|model|weight|volume|capacity)\b/i;
/** A column of its own for the unit of each row's quantity ("Qty | Unit": "60 | pcs"). */
const UNIT_HEADER = /^(units?|uom|u\.?o\.?m\.?|unit of measure)$/i;
const IGNORE_HEADER = /\b(mrp|rate|price|amount|value|total|s\.? ?no|sr\.?( ?no)?|#|disc)\b/i;
const TOTAL_ROW = /^\s*\|?\s*(sub-?\s*)?total\b|\bgrand total\b/i;

/** The unit a quantity header implies: "Qty (cs)" → "cs", "Pcs" → "pcs". */
function headerUnit(header: string): string {
  const inParens = /\(([^)]+)\)/.exec(header)?.[1];
  // "Qty (cs)" names the unit; "Carton (20)" names the pack size of the unit outside.
  if (inParens && /[a-z]/i.test(inParens)) return inParens.trim().toLowerCase();
  if (inParens) header = header.replace(/\([^)]*\)/, ' ');
  const word = header.trim().toLowerCase();
  if (/^(qty|qnty|quantity|order ?qty)$/.test(word)) return '';
  return word;
}

export function readTables(lines: string[]): TableRows {
  const out: string[] = [];
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const header = findHeader(lines[i]!);
    if (!header) {
      out.push(lines[i]!);
      continue;
    }
    found = true;
    const { split, cells } = header;
    const roles = cells.map((c) => {
      if (DEALER_HEADER.test(c)) return 'dealer';
      if (UNIT_HEADER.test(c.trim())) return 'unit';
      if (QTY_HEADER.test(c) && !IGNORE_HEADER.test(c.replace(/qty/i, ''))) return 'qty';
      if (CODE_HEADER.test(c) && !/desc/i.test(c)) return 'code';
      if (ITEM_HEADER.test(c)) return 'item';
      if (PACK_HEADER.test(c)) return 'pack';
      return 'ignore';
    });
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === '') break;
      if (/^[\s|:+-]+$/.test(line)) continue; // |----|----| rule lines
      if (TOTAL_ROW.test(line)) continue;
      const row = split(line);
      if (row.length !== cells.length) {
        if (row.length < 2) break;
        out.push(line);
        continue;
      }
      const parts: string[] = [];
      const dealer = row.filter((_, k) => roles[k] === 'dealer').join(' ');
      // A Pack cell naming the container ("Carton (20)", "Box (100)", "Vial") is the unit the
      // quantity counts, not a word of the product.
      const packUnit =
        row.map((cell, k) => (roles[k] === 'pack' ? containerOf(cell) : null)).find((u) => u) ??
        null;
      for (const role of ['code', 'item', 'pack'] as const) {
        row.forEach((cell, k) => {
          if (roles[k] !== role || cell === '-') return;
          if (role === 'pack' && containerOf(cell)) return;
          parts.push(cell);
        });
      }
      const quantities = row
        .map((cell, k) => ({ cell, k }))
        .filter(({ cell, k }) => roles[k] === 'qty' && /\d/.test(cell));
      const rowUnit = row.find((cell, k) => roles[k] === 'unit' && /[a-z]/i.test(cell)) ?? packUnit;
      for (const { cell, k } of quantities) {
        const unit = rowUnit ?? headerUnit(cells[k]!);
        parts.push(/[a-z]/i.test(cell) ? cell : `${cell} ${unit}`.trim());
      }
      out.push(dealer ? `${dealer}${DEALER_CELL_END}${parts.join(' ')}` : parts.join(' '));
    }
    i = j - 1;
  }
  return { lines: out, found };
}

/** "Carton (20)", "Box of 100", "Vial", "Pack of 10": the container word, else null. */
function containerOf(cell: string): string | null {
  const first = /^\s*([a-z]+)\b(?:\s*(?:\(\s*\d+\s*\)|of\s+\d+))?\s*$/i
    .exec(cell)?.[1]
    ?.toLowerCase();
  if (!first) return null;
  return PACK_WORDS.has(first) || PIECE_WORDS.has(first) || unitFamily(first) !== null
    ? first
    : null;
}

function findHeader(line: string): { split: Splitter; cells: string[] } | null {
  for (const split of SPLITTERS) {
    const cells = split(line);
    if (cells.length < 2 || cells.some((c) => c.length > 40)) continue;
    if (cells.some((c) => /\d{2,}/.test(c))) continue;
    const hasQty = cells.some((c) => QTY_HEADER.test(c));
    const hasItem = cells.some((c) => ITEM_HEADER.test(c));
    if (hasQty && hasItem) return { split, cells };
  }
  return null;
}
