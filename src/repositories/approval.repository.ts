/**
 * Approvals: a price exception or a credit hold waiting for a person, and
 * the decision. One pending approval per order and kind (a partial unique
 * index); deciding locks the row so two people cannot both decide it.
 */
import { toJson } from '../db/json.js';
import type {
  Approval,
  ApprovalKind,
  ApprovalStatus,
  JsonObject,
  JsonValue,
} from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface OpenApprovalInput {
  orderId: string;
  kind: ApprovalKind;
  data: JsonObject | JsonValue[];
  requestedBy: string;
}

/**
 * Opens a pending approval, superseding a pending one of the same kind (a
 * re-priced order asks again with the new figures). Returns its id.
 */
export async function openApproval(db: Executor, input: OpenApprovalInput): Promise<string> {
  await db
    .updateTable('approvals')
    .set({ status: 'superseded' })
    .where('order_id', '=', input.orderId)
    .where('kind', '=', input.kind)
    .where('status', '=', 'pending')
    .execute();
  const row = await db
    .insertInto('approvals')
    .values({
      order_id: input.orderId,
      kind: input.kind,
      data: toJson(input.data),
      requested_by: input.requestedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The pending approval of a kind for an order, locked until the transaction ends. */
export async function lockPendingApproval(
  db: Executor,
  orderId: string,
  kind: ApprovalKind,
): Promise<Approval | undefined> {
  return db
    .selectFrom('approvals')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
}

export async function decideApproval(
  db: Executor,
  id: string,
  input: {
    status: Extract<ApprovalStatus, 'approved' | 'rejected'>;
    decidedBy: string;
    note: string;
    at: Date;
  },
): Promise<void> {
  await db
    .updateTable('approvals')
    .set({
      status: input.status,
      decided_by: input.decidedBy,
      note: input.note,
      decided_at: input.at,
    })
    .where('id', '=', id)
    .execute();
}

/** The latest approved approval of a kind for an order. */
export async function findApproved(
  db: Executor,
  orderId: string,
  kind: ApprovalKind,
): Promise<Approval | undefined> {
  return db
    .selectFrom('approvals')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listApprovals(db: Executor, orderId: string): Promise<Approval[]> {
  return db
    .selectFrom('approvals')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .execute();
}

/** The deepest discount (basis points) a principal may approve; 0 when none is on file. */
export async function findDiscountAuthority(db: Executor, principal: string): Promise<number> {
  const row = await db
    .selectFrom('discount_authorities')
    .select('max_discount_bp')
    .where('principal', '=', principal)
    .executeTakeFirst();
  return row?.max_discount_bp ?? 0;
}

export async function setDiscountAuthority(
  db: Executor,
  principal: string,
  maxDiscountBp: number,
): Promise<void> {
  await db
    .insertInto('discount_authorities')
    .values({ principal, max_discount_bp: maxDiscountBp })
    .onConflict((oc) => oc.column('principal').doUpdateSet({ max_discount_bp: maxDiscountBp }))
    .execute();
}
