/**
 * `cli import invoices|payments|credit-notes|dispatches|deliveries FILE`:
 * what the ERP exports back, as CSV, applied all-or-nothing. The file is
 * checked first (every cell, repeats within the file); then every row is
 * recorded inside ONE transaction exactly as the HTTP call would record it
 * (same schemas, same services, same idempotency), and any row the database
 * refuses (an unknown order, an order not yet confirmed, an invoice number
 * used for another order) rolls the whole file back with every such problem
 * listed. Importing the same file again records nothing new.
 *
 * Replies the records cause (a payment releasing a held order, a dispatch
 * notice) are written to the outbox in the same transaction; the workers'
 * sweep sends them.
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import type { LoadProblem, LoadResult } from '../../master-data/load-problem.js';
import { readCsvFile, type CsvColumns } from '../../master-data/read-csv.js';
import {
  findDuplicates,
  validateRecords,
  type ValidatedRow,
} from '../../master-data/validate-records.js';
import { resolveOrderId } from '../../repositories/order.repository.js';
import {
  deliveryRecordSchema,
  dispatchRecordSchema,
  invoiceRecordSchema,
  paymentRecordSchema,
} from './accounting-records.js';
import { recordDelivery, recordDispatch, type DispatchLine } from './record-dispatch.js';
import { orderBilledByLines } from './order-billed-by-lines.js';
import { recordInvoice } from './record-invoice.js';
import { recordPayment } from './record-payment.js';

export const ERP_FILE_KINDS = [
  'invoices',
  'payments',
  'credit-notes',
  'dispatches',
  'deliveries',
] as const;
export type ErpFileKind = (typeof ERP_FILE_KINDS)[number];

export const ERP_FILE_COLUMNS: Record<ErpFileKind, CsvColumns & { key: string | null }> = {
  invoices: {
    required: ['invoice_no', 'date', 'amount'],
    // order_id, or dealer with one row per line billed (sku,qty) under the same invoice_no.
    optional: ['order_id', 'dealer', 'due_date', 'sku', 'qty'],
    key: null,
  },
  payments: {
    required: ['dealer', 'amount', 'date', 'reference'],
    optional: ['order_id'],
    key: null,
  },
  'credit-notes': {
    required: ['dealer', 'amount', 'date', 'reference'],
    optional: ['order_id'],
    key: null,
  },
  dispatches: {
    required: ['order_id', 'date', 'lr_number'],
    // sku,qty: a part dispatch, one row per line shipped under the same LR number.
    optional: ['transporter', 'vehicle', 'sku', 'qty'],
    key: null,
  },
  // sku,qty: a line the delivery came short of, one row each under the same order_id.
  deliveries: {
    required: ['order_id', 'date'],
    optional: ['received_by', 'sku', 'qty'],
    key: null,
  },
};

export interface ErpFileCounts {
  rows: number;
  recorded: number;
  /** Rows already recorded before (same invoice number, reference, LR number, delivery). */
  unchanged: number;
  /** Held orders the file's payments and credit notes released. */
  released: number;
}

export interface ErpFilePlan {
  rows: number;
  apply(trx: Transaction<DB>, actor: string): Promise<ErpFileCounts>;
}

/** Rolls the import transaction back with the rows the database refused. */
export class ErpFileRejected extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(`${problems.length} problem(s)`);
  }
}

/** Reads and checks the file; nothing touches the database yet. */
export async function planErpFile(
  kind: ErpFileKind,
  file: string,
): Promise<LoadResult<ErpFilePlan>> {
  const columns = ERP_FILE_COLUMNS[kind];
  const table = await readCsvFile(file, columns);
  if (!table.ok) return table;
  const schema = schemaOf(kind);
  const { rows, problems } = validateRecords(
    table.value,
    schema as z.ZodType<unknown, Record<string, string>>,
  );
  // A reference twice in one file is a mistake in the export, not a repeat.
  const keys = columns.key === null ? [] : findDuplicates(table.value, columns.key);
  const dispatches =
    kind === 'dispatches'
      ? groupLines(rows as ValidatedRow<LineRecord>[], ['order_id', 'lr_number'])
      : kind === 'invoices'
        ? groupLines(rows as ValidatedRow<LineRecord>[], ['invoice_no'])
        : kind === 'deliveries'
          ? groupLines(rows as ValidatedRow<LineRecord>[], ['order_id'])
          : { planned: rows, problems: [] };
  const repeats =
    kind === 'payments' || kind === 'credit-notes'
      ? duplicatePairs(rows, ['dealer', 'reference'])
      : dispatches.problems;
  const all = [...problems, ...keys, ...repeats.map((r) => ({ ...r, file }))];
  if (all.length > 0) return { ok: false, problems: all };
  const planned: PlannedRow[] = dispatches.planned;
  return {
    ok: true,
    value: {
      rows: rows.length,
      async apply(trx, actor) {
        const counts: ErpFileCounts = { rows: rows.length, recorded: 0, unchanged: 0, released: 0 };
        const refused: LoadProblem[] = [];
        for (const { line, cells, row, lines } of planned) {
          try {
            const result = await applyRow(trx, kind, row as never, actor, lines ?? []);
            counts[result.created ? 'recorded' : 'unchanged'] += 1;
            counts.released += result.released;
          } catch (error) {
            if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
            const column = error.message.startsWith('dealer')
              ? 'dealer'
              : cells['order_id'] === undefined
                ? null
                : 'order_id';
            refused.push({
              file,
              line,
              column,
              value: column === null ? null : (cells[column] ?? null),
              message: error.message,
            });
          }
        }
        if (refused.length > 0) throw new ErpFileRejected(refused);
        return counts;
      },
    },
  };
}

function schemaOf(kind: ErpFileKind) {
  switch (kind) {
    case 'invoices':
      return invoiceRecordSchema;
    case 'payments':
    case 'credit-notes':
      return paymentRecordSchema;
    case 'dispatches':
      return dispatchRecordSchema;
    case 'deliveries':
      return deliveryRecordSchema;
  }
}

type PlannedRow = ValidatedRow<unknown> & { lines?: DispatchLine[] };

/** A record that may carry one line of its group (sku,qty). */
type LineRecord = Record<string, unknown> & { sku: string | null; qty: number | null };

/**
 * Rows with the same key are one record: one dispatch (order and LR number), one invoice
 * (invoice number). A single row without sku,qty is the whole order; rows with sku,qty are
 * its lines.
 */
function groupLines(
  rows: ValidatedRow<LineRecord>[],
  keyColumns: readonly string[],
): {
  planned: PlannedRow[];
  problems: Omit<LoadProblem, 'file'>[];
} {
  const groups = new Map<string, PlannedRow & { lines: DispatchLine[] }>();
  const problems: Omit<LoadProblem, 'file'>[] = [];
  for (const r of rows) {
    const { sku, qty } = r.row;
    if ((sku === null) !== (qty === null)) {
      problems.push({
        line: r.line,
        column: sku === null ? 'sku' : 'qty',
        value: null,
        message: 'sku and qty go together: both for a line shipped, neither for the whole order',
      });
      continue;
    }
    const key = keyColumns.map((c) => String(r.row[c] ?? '').toLowerCase()).join('\u0000');
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { ...r, lines: sku === null ? [] : [{ sku, qty: qty! }] });
    } else if (group.lines.length === 0 || sku === null) {
      const column = keyColumns.at(-1)!;
      problems.push({
        line: r.line,
        column,
        value: r.cells[column] ?? null,
        message: `repeats line ${group.line} (same ${keyColumns.join(' and ')})`,
      });
    } else group.lines.push({ sku, qty: qty! });
  }
  return { planned: [...groups.values()], problems };
}

function duplicatePairs(
  rows: { line: number; cells: Record<string, string> }[],
  columns: [string, string],
): Omit<LoadProblem, 'file'>[] {
  const first = new Map<string, number>();
  const problems: Omit<LoadProblem, 'file'>[] = [];
  for (const { line, cells } of rows) {
    const key = columns.map((c) => (cells[c] ?? '').trim().toLowerCase()).join('\u0000');
    const seen = first.get(key);
    if (seen === undefined) first.set(key, line);
    else {
      problems.push({
        line,
        column: columns[1],
        value: cells[columns[1]] ?? null,
        message: `repeats line ${seen} (same ${columns.join(' and ')})`,
      });
    }
  }
  return problems;
}

async function orderIdOf(trx: Transaction<DB>, idOrNumber: string): Promise<string> {
  const id = await resolveOrderId(trx, idOrNumber);
  if (id === undefined) throw new AppError('NOT_FOUND', `order ${idOrNumber} does not exist`);
  return id;
}

type AnyRecord = z.output<ReturnType<typeof schemaOf>>;

async function applyRow(
  trx: Transaction<DB>,
  kind: ErpFileKind,
  row: AnyRecord,
  actor: string,
  lines: DispatchLine[],
): Promise<{ created: boolean; released: number }> {
  switch (kind) {
    case 'invoices': {
      const r = row as z.output<typeof invoiceRecordSchema>;
      if (r.order_id === null && lines.length === 0) {
        throw new AppError('INVALID_INPUT', 'give order_id, or the lines billed (sku,qty)');
      }
      const result = await recordInvoice(trx, {
        invoiceNo: r.invoice_no,
        orderId:
          r.order_id !== null
            ? await orderIdOf(trx, r.order_id)
            : await orderBilledByLines(trx, {
                dealerCode: r.dealer!,
                invoiceNo: r.invoice_no,
                lines,
              }),
        date: r.date,
        dueDate: r.due_date,
        amountMinor: r.amount,
        actor,
      });
      return { created: result.created, released: 0 };
    }
    case 'payments':
    case 'credit-notes': {
      const r = row as z.output<typeof paymentRecordSchema>;
      const result = await recordPayment(
        { db: trx, jobs: null },
        {
          kind: kind === 'payments' ? 'payment' : 'credit_note',
          dealerCode: r.dealer,
          amountMinor: r.amount,
          date: r.date,
          reference: r.reference,
          orderId: r.order_id === null ? null : await orderIdOf(trx, r.order_id),
          actor,
        },
      );
      return {
        created: result.created,
        released: result.created ? result.releasedOrderIds.length : 0,
      };
    }
    case 'dispatches': {
      const r = row as z.output<typeof dispatchRecordSchema>;
      const result = await recordDispatch(
        { db: trx, jobs: null },
        {
          orderId: await orderIdOf(trx, r.order_id),
          date: r.date,
          transporter: r.transporter,
          lrNumber: r.lr_number,
          vehicle: r.vehicle,
          lines,
          actor,
        },
      );
      return { created: result.created, released: 0 };
    }
    case 'deliveries': {
      const r = row as z.output<typeof deliveryRecordSchema>;
      const result = await recordDelivery(
        { db: trx, jobs: null },
        {
          orderId: await orderIdOf(trx, r.order_id),
          date: r.date,
          receivedBy: r.received_by,
          shortages: lines,
          actor,
        },
      );
      return { created: result.created, released: 0 };
    }
  }
}
