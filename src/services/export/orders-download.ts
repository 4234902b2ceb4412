/**
 * Confirmed orders of a date range as one CSV or Excel file — the same
 * columns as a file target writes, for an accountant who downloads instead
 * of watching a folder (GET /api/exports/orders.csv, the console's ERP
 * export page). Downloading changes nothing: it is not an export delivery.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { DB } from '../../db/schema.js';
import {
  findOrderExportSheet,
  listConfirmedOrderIds,
  type ExportSheet,
} from '../../repositories/read-models/order-export-sheet.read-model.js';
import { ordersCsv, ordersXlsx } from './order-files.js';

export const MAX_DOWNLOAD_ORDERS = 5_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface OrdersDownload {
  filename: string;
  contentType: string;
  body: string | Buffer;
  orders: number;
}

export async function downloadOrders(
  db: Kysely<DB>,
  input: { from: string; to: string; format: 'csv' | 'xlsx' },
): Promise<OrdersDownload> {
  if (!DAY.test(input.from) || !DAY.test(input.to) || Number.isNaN(Date.parse(input.from))) {
    throw new AppError('INVALID_INPUT', 'from and to must be days written YYYY-MM-DD');
  }
  if (input.to < input.from) throw new AppError('INVALID_INPUT', 'the range ends before it starts');
  const ids = await listConfirmedOrderIds(db, input, MAX_DOWNLOAD_ORDERS + 1);
  if (ids.length > MAX_DOWNLOAD_ORDERS) {
    throw new AppError(
      'INVALID_INPUT',
      `more than ${MAX_DOWNLOAD_ORDERS.toLocaleString('en-IN')} orders in that range; choose a shorter one`,
    );
  }
  const sheets: ExportSheet[] = [];
  for (const id of ids) {
    const sheet = await findOrderExportSheet(db, id);
    if (sheet) sheets.push(sheet);
  }
  const filename = `orders-${input.from}-to-${input.to}.${input.format}`;
  return input.format === 'csv'
    ? {
        filename,
        contentType: 'text/csv; charset=utf-8',
        body: ordersCsv(sheets),
        orders: ids.length,
      }
    : {
        filename,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await ordersXlsx(sheets, input.to),
        orders: ids.length,
      };
}
