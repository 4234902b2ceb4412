/**
 * What the ERP sends back, one record at a time: an invoice, a payment, a
 * credit note, a dispatch, a delivery. The same zod schemas read a JSON
 * body (POST /api/invoices …) and a CSV row (`cli import invoices …`), so
 * both accept exactly the same values and word their complaints alike.
 * Money is a decimal string with at most two places ("1234.50"), read
 * straight into minor units; days are `YYYY-MM-DD`.
 */
import { z } from 'zod';
import {
  dayCell,
  moneyCell,
  optionalTextCell,
  requiredTextCell,
  wholeNumberCell,
} from '../../master-data/cell-schemas.js';

const requiredDay = dayCell.transform((day, ctx) => {
  if (day === null) {
    ctx.issues.push({ code: 'custom', message: 'is required (YYYY-MM-DD)', input: day });
    return z.NEVER;
  }
  return day;
});

const positiveAmount = moneyCell({ whenEmpty: 'required' }).transform((minor, ctx) => {
  if (minor <= 0n) {
    ctx.issues.push({ code: 'custom', message: 'must be more than 0', input: minor });
    return z.NEVER;
  }
  return minor;
});

/** A reference (invoice, receipt, LR number): trimmed, 1–100 characters. */
const reference = requiredTextCell.pipe(z.string().max(100, 'is longer than 100 characters'));

export const invoiceRecordSchema = z
  .object({
    invoice_no: reference,
    /** The order's id or its number `SO-2026-000123`; or else `dealer` and the lines billed. */
    order_id: optionalTextCell,
    dealer: optionalTextCell,
    date: requiredDay,
    due_date: dayCell,
    amount: positiveAmount,
    /** CSV only: one line billed, for an invoice that names no order (JSON gives `lines`). */
    sku: optionalTextCell,
    qty: wholeNumberCell(),
  })
  .superRefine((r, ctx) => {
    if (r.order_id === null && r.dealer === null)
      ctx.addIssue({
        code: 'custom',
        path: ['order_id'],
        message: 'is required, unless dealer and the lines billed are given',
        input: r,
      });
  });

/** A payment (receipt) or a credit note: what lowers the dealer's outstanding. */
export const paymentRecordSchema = z.object({
  dealer: requiredTextCell,
  amount: positiveAmount,
  date: requiredDay,
  reference,
  /** Optional: the order it pays for (kept on the ledger entry). */
  order_id: optionalTextCell,
});

export const dispatchRecordSchema = z.object({
  order_id: requiredTextCell,
  date: requiredDay,
  transporter: optionalTextCell,
  /** The LR (lorry receipt), docket or challan number; names this dispatch. */
  lr_number: reference,
  vehicle: optionalTextCell,
  /** CSV only: one line of a part dispatch (JSON gives `lines`). */
  sku: optionalTextCell,
  qty: wholeNumberCell(),
});

export const deliveryRecordSchema = z.object({
  order_id: requiredTextCell,
  date: requiredDay,
  received_by: optionalTextCell,
  /** CSV only: one line the delivery came short of (JSON gives `shortages`). */
  sku: optionalTextCell,
  qty: wholeNumberCell(),
});

export type InvoiceRecord = z.output<typeof invoiceRecordSchema>;
export type PaymentRecord = z.output<typeof paymentRecordSchema>;
export type DispatchRecord = z.output<typeof dispatchRecordSchema>;
export type DeliveryRecord = z.output<typeof deliveryRecordSchema>;

const skuLines = z
  .array(
    z.object({
      sku: z.string().trim().min(1, 'must not be empty'),
      qty: z.number().int('must be a whole number').positive('must be more than 0'),
    }),
  )
  .max(1000)
  .nullish();

/** `lines`: what a part dispatch shipped, or what an invoice that names no order billed (JSON; a CSV file gives them as sku,qty columns). */
export const lineListSchema = z.object({ lines: skuLines });

/** What a delivery came short of (JSON only). */
export const deliveryShortagesSchema = z.object({ shortages: skuLines });

/**
 * A JSON body as CSV-like cells: null means absent; numbers are refused so
 * that money never passes through a float.
 */
export function jsonCells(body: unknown, fields: readonly string[]): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new z.ZodError([
      { code: 'custom', path: [], message: 'the body must be a JSON object', input: body },
    ]);
  }
  const cells: Record<string, string> = {};
  const issues: z.core.$ZodIssue[] = [];
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') cells[field] = value;
    else {
      issues.push({
        code: 'custom',
        path: [field],
        message:
          typeof value === 'number'
            ? `must be a string (write amounts like "1234.50", never a number)`
            : 'must be a string',
        input: value,
      });
    }
  }
  if (issues.length > 0) throw new z.ZodError(issues);
  return cells;
}
