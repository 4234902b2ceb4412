/**
 * A person sends orders to the ERP again (the console's export page): one
 * order by its number or id, or every order confirmed in a date range.
 * Each order's current version is queued for every active target, and
 * each order's audit trail says who asked. What a target does with a
 * repeat is the target's: a webhook gets the same Idempotency-Key it got
 * before (an ERP that saw it may answer 2xx and skip it), and a file
 * target writes the file only if it is no longer in the folder.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { CONFIRMED_OR_LATER } from '../../domain/order-status.js';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAuditEvents } from '../../repositories/audit.repository.js';
import { requeueExport, requeueOrderExports } from '../../repositories/export.repository.js';
import { isUuid } from '../../repositories/inbound-message.repository.js';
import { resolveOrderId } from '../../repositories/order.repository.js';
import { listConfirmedOrderIds } from '../../repositories/read-models/order-export-sheet.read-model.js';

/** A date range is capped so one click cannot queue the whole history by mistake. */
export const MAX_REEXPORT_ORDERS = 5_000;

export type ReexportSelection =
  | { order: string }
  /** Inclusive India days, YYYY-MM-DD. */
  | { from: string; to: string };

export interface ReexportResult {
  orders: number;
  deliveries: number;
}

export async function reexportOrders(
  db: Kysely<DB>,
  selection: ReexportSelection,
  actor: string,
): Promise<ReexportResult> {
  const ids = await selectOrders(db, selection);
  return inTransaction(db, async (trx) => {
    const deliveries = await requeueOrderExports(trx, ids);
    const reason =
      'order' in selection
        ? 'sent to the ERP again by hand'
        : `sent to the ERP again by hand (orders confirmed ${selection.from} to ${selection.to})`;
    await recordAuditEvents(
      trx,
      ids.map((id) => ({
        entityType: 'order' as const,
        entityId: id,
        action: 'export_requeued',
        actor,
        reason,
        data: { deliveries },
      })),
    );
    return { orders: ids.length, deliveries };
  });
}

async function selectOrders(db: Kysely<DB>, selection: ReexportSelection): Promise<string[]> {
  if ('order' in selection) {
    const id = await resolveOrderId(db, selection.order.trim());
    if (id === undefined)
      throw new AppError('NOT_FOUND', `order ${selection.order} does not exist`);
    const order = await db
      .selectFrom('orders')
      .select(['status', 'order_no'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (!CONFIRMED_OR_LATER.includes(order.status)) {
      throw new AppError(
        'CONFLICT',
        `order #${order.order_no} is ${order.status.replace(/_/g, ' ')}; only confirmed orders go to the ERP`,
      );
    }
    return [id];
  }
  if (selection.to < selection.from) {
    throw new AppError('INVALID_INPUT', 'the range ends before it starts');
  }
  const ids = await listConfirmedOrderIds(db, selection, MAX_REEXPORT_ORDERS + 1);
  if (ids.length > MAX_REEXPORT_ORDERS) {
    throw new AppError(
      'INVALID_INPUT',
      `more than ${MAX_REEXPORT_ORDERS.toLocaleString('en-IN')} orders in that range; choose a shorter one`,
    );
  }
  return ids;
}

/** A dead letter sent again from the console; the order's history says who did it. */
export async function retryExportDelivery(
  db: Kysely<DB>,
  deliveryId: string,
  actor: string,
): Promise<{ orderId: string; target: string }> {
  if (!isUuid(deliveryId)) throw new AppError('NOT_FOUND', 'no such export delivery');
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('export_deliveries as d')
      .innerJoin('export_targets as t', 't.id', 'd.target_id')
      .select(['d.order_id', 't.name', 'd.status'])
      .where('d.id', '=', deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'no such export delivery');
    if (row.status === 'pending') return { orderId: row.order_id, target: row.name };
    await requeueExport(trx, deliveryId);
    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: row.order_id,
        action: 'export_requeued',
        actor,
        reason: `sent to ${row.name} again by hand after it was ${row.status === 'dead' ? 'given up' : 'delivered'}`,
        data: { delivery_id: deliveryId, target: row.name },
      },
    ]);
    return { orderId: row.order_id, target: row.name };
  });
}
