/**
 * Export targets and the export outbox (docs/accounting.md "Export"): a
 * row per target and order version, written in the transaction that
 * confirms the order; the export worker claims due rows (SKIP LOCKED, a
 * lease like the reply outbox) and marks them delivered or dead.
 */
import { sql } from 'kysely';
import { toJson } from '../db/json.js';
import type { ExportTargetKind, JsonObject } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { MULTI_ROW_MARK, runMultiRow } from '../db/pipeline/multi-row.js';

/** Queues the order's current version for every active target; rows already there stay. */
export async function queueOrderExports(
  db: Executor,
  orderId: string,
  /** The confirmation's exposure, added to the dealer's open orders in the same statement. */
  openOrders?: { dealerCode: string; deltaMinor: bigint },
): Promise<number> {
  // a multi-row statement: the confirmations of a batch's messages are one (multi-row.ts)
  const [rows] = await runMultiRow(db, QUEUE_EXPORTS_SQL, [
    {
      orderId,
      dealerCode: openOrders?.dealerCode ?? null,
      deltaMinor: openOrders?.deltaMinor.toString() ?? null,
    },
  ]);
  return rows?.length ?? 0;
}

/** The exposure (summed per dealer) and the export rows, over rows; one row back per export row. */
const QUEUE_EXPORTS_SQL = `${MULTI_ROW_MARK}
  WITH r AS (
    SELECT i::int AS i, (doc->>'orderId')::uuid AS order_id, doc->>'dealerCode' AS dealer_code,
           (doc->>'deltaMinor')::bigint AS delta
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
  ), x AS (
    SELECT dealer_code, sum(delta) AS delta FROM r
     WHERE dealer_code IS NOT NULL AND delta IS NOT NULL GROUP BY dealer_code
  ), exposure AS (
    UPDATE dealer_credit c SET open_orders_minor = c.open_orders_minor + x.delta
      FROM x
     WHERE c.dealer_code = ANY(ARRAY(SELECT dealer_code FROM x)) AND c.dealer_code = x.dealer_code
  ), ins AS (
    INSERT INTO export_deliveries (target_id, order_id, order_version)
    SELECT t.id, o.id, o.version FROM r JOIN orders o ON o.id = r.order_id, export_targets t
     WHERE t.active AND o.id = ANY(ARRAY(SELECT order_id FROM r)) ORDER BY r.i, t.id
    ON CONFLICT ON CONSTRAINT export_deliveries_once_key DO NOTHING
    RETURNING order_id
  )
  SELECT (SELECT min(r.i) FROM r WHERE r.order_id = ins.order_id) AS _i FROM ins`;

export interface ClaimedExport {
  id: string;
  target_id: string;
  target_name: string;
  kind: ExportTargetKind;
  config: JsonObject;
  order_id: string;
  order_version: number;
  attempts: number;
}

/** Takes up to `limit` due deliveries for `leaseMs` (attempt counted), oldest first. */
export async function claimDueExports(
  db: Executor,
  limit: number,
  leaseMs: number,
): Promise<ClaimedExport[]> {
  const { rows } = await sql<ClaimedExport>`
    WITH due AS (
      SELECT d.id FROM export_deliveries d
      WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
      ORDER BY d.next_attempt_at, d.created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE export_deliveries d
    SET attempts = d.attempts + 1,
        next_attempt_at = clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
    FROM due, export_targets t
    WHERE d.id = due.id AND t.id = d.target_id
    RETURNING d.id, d.target_id, t.name AS target_name, t.kind, t.config, d.order_id,
              d.order_version, d.attempts`.execute(db);
  return rows;
}

/**
 * Marks a delivery delivered; when every delivery of the order's current
 * version is, a confirmed order becomes `exported` (later statuses stay).
 * Returns whether the order moved.
 */
export async function markExportDelivered(
  db: Executor,
  id: string,
  result: { responseStatus: number | null; location: string | null },
): Promise<{ orderId: string; exported: boolean } | undefined> {
  // One transaction: a process killed between the two statements must not leave a delivery
  // done and its order never `exported` (nothing would retry it). The order row is locked
  // first, so deliveries of one order to several targets, finishing together, take turns and
  // the last one sees the others done.
  return inTransaction(db, async (trx) => {
    await sql`
      SELECT 1 FROM orders
      WHERE id = (SELECT order_id FROM export_deliveries WHERE id = ${id})
      FOR UPDATE`.execute(trx);
    const row = await trx
      .updateTable('export_deliveries')
      .set({
        status: 'delivered',
        delivered_at: sql<Date>`now()`,
        response_status: result.responseStatus,
        location: result.location,
        last_error: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(['order_id', 'order_version'])
      .executeTakeFirst();
    if (!row) return undefined;
    const moved = await sql<{ id: string }>`
      UPDATE orders o SET status = 'exported', exported_at = now()
      WHERE o.id = ${row.order_id} AND o.status = 'confirmed' AND o.version = ${row.order_version}
        AND NOT EXISTS (
          SELECT 1 FROM export_deliveries d
          WHERE d.order_id = o.id AND d.order_version = o.version AND d.status <> 'delivered')
      RETURNING o.id`.execute(trx);
    return { orderId: row.order_id, exported: moved.rows.length > 0 };
  });
}

export async function markExportRetry(
  db: Executor,
  id: string,
  error: string,
  responseStatus: number | null,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable('export_deliveries')
    .set({ last_error: error, response_status: responseStatus, next_attempt_at: retryAt })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markExportDead(
  db: Executor,
  id: string,
  error: string,
  responseStatus: number | null,
): Promise<void> {
  await db
    .updateTable('export_deliveries')
    .set({ status: 'dead', last_error: error, response_status: responseStatus })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Sends a dead (or delivered) delivery again: pending, attempts from zero. */
export async function requeueExport(db: Executor, id: string): Promise<boolean> {
  const row = await db
    .updateTable('export_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, last_error: null })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Queues these orders' current versions for every active target again:
 * a delivery already there (delivered or dead) goes back to pending with
 * its attempts from zero; a target added since gets its first. Returns
 * the deliveries queued.
 */
export async function requeueOrderExports(db: Executor, orderIds: string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  const result = await sql`
    INSERT INTO export_deliveries (target_id, order_id, order_version)
    SELECT t.id, o.id, o.version FROM export_targets t, orders o
    WHERE t.active AND o.id = ANY(${orderIds}::uuid[])
    ON CONFLICT ON CONSTRAINT export_deliveries_once_key DO UPDATE
      SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export interface UpsertTargetInput {
  name: string;
  kind: ExportTargetKind;
  config: JsonObject;
  active?: boolean;
}

export async function upsertExportTarget(db: Executor, input: UpsertTargetInput): Promise<string> {
  const row = await db
    .insertInto('export_targets')
    .values({
      name: input.name,
      kind: input.kind,
      config: toJson(input.config),
      active: input.active ?? true,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        kind: input.kind,
        config: toJson(input.config),
        active: input.active ?? true,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listExportTargets(db: Executor) {
  return db.selectFrom('export_targets').selectAll().orderBy('name').execute();
}
