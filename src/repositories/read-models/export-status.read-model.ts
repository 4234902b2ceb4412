/**
 * What the console's export page shows: each target with its pending,
 * delivered and dead deliveries, the dead letters (given up after the
 * last try), and deliveries still retrying after an error.
 */
import { sql } from 'kysely';
import { orderNumber } from '../../domain/order-number.js';
import type { ExportTargetKind } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';

export interface ExportTargetStatus {
  name: string;
  kind: ExportTargetKind;
  active: boolean;
  pending: number;
  delivered: number;
  dead: number;
  lastDeliveredAt: Date | null;
}

export interface ExportProblem {
  id: string;
  target: string;
  orderId: string;
  orderNumber: string;
  orderNo: bigint;
  version: number;
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  /** Dead: when it was given up (its last try); retrying: the next try. */
  at: Date;
}

export async function listExportTargetStatus(db: Executor): Promise<ExportTargetStatus[]> {
  const { rows } = await sql<{
    name: string;
    kind: ExportTargetKind;
    active: boolean;
    pending: string;
    delivered: string;
    dead: string;
    last_delivered_at: Date | null;
  }>`
    SELECT t.name, t.kind, t.active,
           count(*) FILTER (WHERE d.status = 'pending') AS pending,
           count(*) FILTER (WHERE d.status = 'delivered') AS delivered,
           count(*) FILTER (WHERE d.status = 'dead') AS dead,
           max(d.delivered_at) AS last_delivered_at
    FROM export_targets t LEFT JOIN export_deliveries d ON d.target_id = t.id
    GROUP BY t.id ORDER BY t.name`.execute(db);
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind,
    active: r.active,
    pending: Number(r.pending),
    delivered: Number(r.delivered),
    dead: Number(r.dead),
    lastDeliveredAt: r.last_delivered_at,
  }));
}

/** Dead deliveries, and pending ones that failed at least once; newest first. */
export async function listExportProblems(
  db: Executor,
  which: 'dead' | 'retrying',
  limit = 100,
): Promise<ExportProblem[]> {
  const rows = await db
    .selectFrom('export_deliveries as d')
    .innerJoin('export_targets as t', 't.id', 'd.target_id')
    .innerJoin('orders as o', 'o.id', 'd.order_id')
    .select([
      'd.id',
      't.name as target',
      'd.order_id',
      'o.order_no',
      'o.created_at',
      'd.order_version',
      'd.attempts',
      'd.last_error',
      'd.response_status',
      'd.next_attempt_at',
    ])
    .where('d.status', '=', which === 'dead' ? 'dead' : 'pending')
    .$call((q) => (which === 'retrying' ? q.where('d.last_error', 'is not', null) : q))
    .orderBy('d.next_attempt_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    target: r.target,
    orderId: r.order_id,
    orderNumber: orderNumber(r.order_no, r.created_at),
    orderNo: r.order_no,
    version: r.order_version,
    attempts: r.attempts,
    lastError: r.last_error,
    responseStatus: r.response_status,
    at: r.next_attempt_at,
  }));
}
