/**
 * ERP files for one order version (docs/accounting.md "Export"): CSV and
 * XLSX with one row per line, and a Tally Prime XML import envelope with one
 * Sales Order voucher. Each is written in the target's folder as
 * `<number>-v<version>.<ext>`: first under a temporary name, then renamed,
 * so an importer watching the folder never reads half a file. A file that
 * is already there is the same export done before: nothing is written again.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ExportTargetKind, JsonObject } from '../../db/schema.js';
import { formatMinor } from '../../domain/money.js';
import type { ExportSheet } from '../../repositories/read-models/order-export-sheet.read-model.js';
import { tallySalesOrderXml, type TallyMapping } from './tally-xml.js';
import { stringify } from 'csv-stringify/sync';

export const CSV_COLUMNS = [
  'order_number',
  'order_id',
  'version',
  'date',
  'dealer_code',
  'dealer_name',
  'line_no',
  'sku',
  'product',
  'unit',
  'qty',
  'unit_price',
  'discount',
  'taxable_value',
  'tax_rate_pct',
  'tax',
  'line_total',
  'free',
  'order_total',
  'price_explanation',
] as const;

/** One row per line; money with two decimals; the explanation is found at GET /api/orders/{id}. */
export function orderRows(sheet: ExportSheet): string[][] {
  return sheet.lines.map((l) => [
    sheet.number,
    sheet.id,
    String(sheet.version),
    sheet.date,
    sheet.dealerCode,
    sheet.dealerName,
    String(l.lineNo),
    l.sku,
    l.name,
    l.unit,
    String(l.qty),
    formatMinor(l.unitPriceMinor),
    formatMinor(l.discountMinor),
    formatMinor(l.lineTotalMinor),
    (l.taxRateBp / 100).toFixed(2),
    formatMinor(l.taxMinor),
    formatMinor(l.lineTotalMinor + l.taxMinor),
    l.free ? 'yes' : 'no',
    formatMinor(sheet.totalMinor),
    `${sheet.id}#${l.lineNo}`,
  ]);
}

export function orderCsv(sheet: ExportSheet): string {
  return ordersCsv([sheet]);
}

/** Many orders in one file (the download of a date range): the same columns, one row per line. */
export function ordersCsv(sheets: readonly ExportSheet[]): string {
  return stringify([[...CSV_COLUMNS], ...sheets.flatMap(orderRows)], { record_delimiter: '\r\n' });
}

export async function orderXlsx(sheet: ExportSheet): Promise<Buffer> {
  return ordersXlsx([sheet], sheet.date);
}

/** @param day YYYY-MM-DD the workbook is dated (fixed: the same orders give the same content). */
export async function ordersXlsx(sheets: readonly ExportSheet[], day: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date(`${day}T00:00:00+05:30`);
  book.modified = book.created;
  const ws = book.addWorksheet(sheets.length === 1 ? 'Order' : 'Orders');
  ws.addRow([...CSV_COLUMNS]);
  for (const row of sheets.flatMap(orderRows)) ws.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function configString(config: JsonObject, key: string): string | null {
  const value = config[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export async function orderFileContent(
  kind: Exclude<ExportTargetKind, 'webhook'>,
  config: JsonObject,
  sheet: ExportSheet,
): Promise<{ ext: string; content: string | Buffer }> {
  switch (kind) {
    case 'csv':
      return { ext: 'csv', content: orderCsv(sheet) };
    case 'xlsx':
      return { ext: 'xlsx', content: await orderXlsx(sheet) };
    case 'tally':
      return { ext: 'xml', content: tallySalesOrderXml(sheet, tallyMappingOf(config)) };
  }
}

/** The target's Tally settings: names by dealer code and SKU, ledgers, company. */
export function tallyMappingOf(config: JsonObject): TallyMapping {
  const names = (key: string): Record<string, string> => {
    const value = config[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  };
  return {
    company: configString(config, 'company'),
    salesLedger: configString(config, 'sales_ledger') ?? 'Sales',
    taxLedger: configString(config, 'tax_ledger') ?? 'Output GST',
    roundingLedger: configString(config, 'rounding_ledger') ?? 'Round Off',
    ledgers: names('ledgers'),
    items: names('items'),
  };
}

/** Writes the file (once) and returns its path. */
export async function writeOrderFile(
  kind: Exclude<ExportTargetKind, 'webhook'>,
  config: JsonObject,
  sheet: ExportSheet,
): Promise<string> {
  const folder = configString(config, 'folder');
  if (folder === null) throw new Error('the target has no folder');
  const { ext, content } = await orderFileContent(kind, config, sheet);
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${sheet.number}-v${sheet.version}.${ext}`);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (exists) return file;
  const temporary = path.join(
    folder,
    `.${sheet.number}-v${sheet.version}.${ext}.${process.pid}.tmp`,
  );
  await writeFile(temporary, content);
  await rename(temporary, file);
  return file;
}
