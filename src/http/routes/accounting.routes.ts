/**
 * What the ERP reports back, for tokens with the role finance, integration
 * or admin (docs/http-api.md, docs/accounting.md):
 *
 *   POST /api/invoices      {"invoice_no", "order_id" | "dealer" + "lines", "date", "due_date", "amount"}
 *   POST /api/payments      {"dealer", "amount", "date", "reference"[, "order_id"]}
 *   POST /api/credit-notes  {"dealer", "amount", "date", "reference"[, "order_id"]}
 *   POST /api/dispatches    {"order_id", "date", "transporter", "lr_number"[, "vehicle", "lines"]}
 *   POST /api/deliveries    {"order_id", "date"[, "received_by", "shortages"]}
 *
 * 201 with the new record's id; the same record again (same invoice number,
 * payment reference per dealer, LR number per order, a second delivery)
 * → 200 with the same id, nothing doubled. `order_id` may be the order's id
 * or its number `SO-2026-000123`.
 *
 *   GET /api/exports/orders.csv|.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD
 *
 * the orders confirmed in the range, one row per line (also for manager).
 */
import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/app-error.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import { resolveOrderId } from '../../repositories/order.repository.js';
import {
  deliveryRecordSchema,
  deliveryShortagesSchema,
  lineListSchema,
  dispatchRecordSchema,
  invoiceRecordSchema,
  jsonCells,
  paymentRecordSchema,
} from '../../services/accounting/accounting-records.js';
import { recordDelivery, recordDispatch } from '../../services/accounting/record-dispatch.js';
import { recordInvoice } from '../../services/accounting/record-invoice.js';
import { recordPayment } from '../../services/accounting/record-payment.js';
import { orderBilledByLines } from '../../services/accounting/order-billed-by-lines.js';
import { downloadOrders } from '../../services/export/orders-download.js';
import { requireRole, type Caller } from '../bearer-auth.js';
import { requireDealer } from './dealer-code.js';
import { requireJsonBody } from './json-body.js';

export interface AccountingRouterDeps {
  db: Kysely<DB>;
  jobs?: Pick<JobQueue, 'enqueue'> | null;
}

/** The audit trail's name for the caller. */
function actorName(res: Response): string {
  const caller = res.locals['caller'] as Caller | undefined;
  if (caller === undefined) throw new AppError('UNAUTHORIZED', 'no caller');
  return caller.kind === 'env-token' ? 'api:env-token' : `api:token:${caller.name}`;
}

async function orderIdOf(db: Kysely<DB>, idOrNumber: string): Promise<string> {
  const id = await resolveOrderId(db, idOrNumber);
  if (id === undefined) throw new AppError('NOT_FOUND', `order ${idOrNumber} does not exist`);
  return id;
}

/** An invoice that names no order: the dealer's order with exactly the lines billed. */
async function billedOrderOf(
  db: Kysely<DB>,
  dealerCode: string,
  invoiceNo: string,
  body: unknown,
): Promise<string> {
  await requireDealer(db, dealerCode);
  const lines = lineListSchema.parse(body).lines ?? [];
  if (lines.length === 0) {
    throw new AppError('INVALID_INPUT', 'lines: give the lines billed when order_id is not given');
  }
  return orderBilledByLines(db, { dealerCode, invoiceNo, lines });
}

const created = (res: Response, isNew: boolean) => res.status(isNew ? 201 : 200);

export function accountingRouter(deps: AccountingRouterDeps): Router {
  const router = Router();
  const finance = requireRole('finance', 'integration', 'admin');

  router.post('/invoices', finance, async (req, res) => {
    const body = requireJsonBody(
      req,
      '{"invoice_no": "INV-1", "order_id": "SO-2026-000123", "date": "2026-12-01", "due_date": "2026-12-31", "amount": "1234.50"}',
    );
    const record = invoiceRecordSchema.parse(
      jsonCells(body, ['invoice_no', 'order_id', 'dealer', 'date', 'due_date', 'amount']),
    );
    const result = await recordInvoice(deps.db, {
      invoiceNo: record.invoice_no,
      orderId:
        record.order_id !== null
          ? await orderIdOf(deps.db, record.order_id)
          : await billedOrderOf(deps.db, record.dealer!, record.invoice_no, body),
      date: record.date,
      dueDate: record.due_date,
      amountMinor: record.amount,
      actor: actorName(res),
    });
    created(res, result.created).json({ id: result.id });
  });

  for (const [path, kind] of [
    ['/payments', 'payment'],
    ['/credit-notes', 'credit_note'],
  ] as const) {
    router.post(path, finance, async (req, res) => {
      const body = requireJsonBody(
        req,
        '{"dealer": "D001", "amount": "5000.00", "date": "2026-12-01", "reference": "RCPT-77"}',
      );
      const record = paymentRecordSchema.parse(
        jsonCells(body, ['dealer', 'amount', 'date', 'reference', 'order_id']),
      );
      await requireDealer(deps.db, record.dealer);
      const result = await recordPayment(
        { db: deps.db, jobs: deps.jobs ?? null },
        {
          kind,
          dealerCode: record.dealer,
          amountMinor: record.amount,
          date: record.date,
          reference: record.reference,
          orderId: record.order_id === null ? null : await orderIdOf(deps.db, record.order_id),
          actor: actorName(res),
        },
      );
      created(res, result.created).json({
        id: result.id,
        released_order_ids: result.releasedOrderIds,
      });
    });
  }

  router.post('/dispatches', finance, async (req, res) => {
    const body = requireJsonBody(
      req,
      '{"order_id": "SO-2026-000123", "date": "2026-12-02", "transporter": "VRL", "lr_number": "LR-5561"}',
    );
    const record = dispatchRecordSchema.parse(
      jsonCells(body, ['order_id', 'date', 'transporter', 'lr_number', 'vehicle']),
    );
    const lines = lineListSchema.parse(body).lines ?? [];
    const result = await recordDispatch(
      { db: deps.db, jobs: deps.jobs ?? null },
      {
        orderId: await orderIdOf(deps.db, record.order_id),
        date: record.date,
        transporter: record.transporter,
        lrNumber: record.lr_number,
        vehicle: record.vehicle,
        lines,
        actor: actorName(res),
      },
    );
    created(res, result.created).json({ id: result.id });
  });

  router.post('/deliveries', finance, async (req, res) => {
    const body = requireJsonBody(
      req,
      '{"order_id": "SO-2026-000123", "date": "2026-12-04", "received_by": "counter staff"}',
    );
    const record = deliveryRecordSchema.parse(jsonCells(body, ['order_id', 'date', 'received_by']));
    const result = await recordDelivery(
      { db: deps.db, jobs: deps.jobs ?? null },
      {
        orderId: await orderIdOf(deps.db, record.order_id),
        date: record.date,
        receivedBy: record.received_by,
        shortages: deliveryShortagesSchema.parse(body).shortages ?? [],
        actor: actorName(res),
      },
    );
    created(res, result.created).json({ id: result.id });
  });

  // One file of the confirmed orders of a range, as a file target writes them.
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(
      `/exports/orders.${format}`,
      requireRole('finance', 'integration', 'admin', 'manager'),
      async (req, res) => {
        const file = await downloadOrders(deps.db, {
          from: typeof req.query['from'] === 'string' ? req.query['from'] : '',
          to: typeof req.query['to'] === 'string' ? req.query['to'] : '',
          format,
        });
        res
          .set('Content-Type', file.contentType)
          .set('Content-Disposition', `attachment; filename="${file.filename}"`)
          .set('Cache-Control', 'no-store')
          .send(file.body);
      },
    );
  }

  return router;
}
