/**
 * The audit trail: every state change of an order (and of a message when a
 * person should be able to tell why), who or what made it, and why.
 */
import { toJson } from '../db/json.js';
import type { JsonObject } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface AuditEventInput {
  entityType:
    'order' | 'inbound_message' | 'conversation' | 'dealer' | 'user' | 'api_token' | 'settings';
  entityId: string;
  /** `created`, `status_changed`, `line_resolved`, ... */
  action: string;
  /** `worker:validate`, `dealer`, `token:<name>`, ... */
  actor: string;
  reason: string | null;
  data?: JsonObject;
}

export async function recordAuditEvents(
  db: Executor,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await auditEventsInsert(db, events).execute();
}

/** The INSERT of audit events, unexecuted: to ride along in another statement (a CTE). */
export function auditEventsInsert(db: Executor, events: readonly AuditEventInput[]) {
  return db.insertInto('audit_events').values(
    events.map((e) => ({
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      actor: e.actor,
      reason: e.reason,
      data: toJson(e.data ?? {}),
    })),
  );
}

export async function listAuditEvents(db: Executor, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
