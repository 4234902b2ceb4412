/**
 * Delivery reports for WhatsApp replies (sent → delivered → read, or
 * failed). Providers report them late, twice and out of order, so each one
 * is kept as the best seen per message id and applied to the outbox row
 * only when it ranks higher than what the row has. A report that arrives
 * before the notify worker has written the message id on the row waits in
 * whatsapp_delivery_statuses; a trigger (migration 0020) applies it when
 * the id is written.
 */
import { sql } from 'kysely';
import type { DeliveryStatus } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface RecordDeliveryStatusInput {
  /** The provider's message id (wamid, whatsapp-web id). */
  externalId: string;
  status: DeliveryStatus;
  at: Date;
  error?: string | null;
}

/** Returns true when an outbox row took the status now (false: unknown id yet, or a lower rank). */
export async function recordDeliveryStatus(
  db: Executor,
  input: RecordDeliveryStatusInput,
): Promise<boolean> {
  const error = input.error ?? null;
  await sql`
    INSERT INTO whatsapp_delivery_statuses (external_id, status, status_at, error)
    VALUES (${input.externalId}, ${input.status}, ${input.at}, ${error})
    ON CONFLICT (external_id) DO UPDATE SET
      status = excluded.status, status_at = excluded.status_at, error = excluded.error,
      updated_at = now()
    WHERE delivery_status_rank(excluded.status) > delivery_status_rank(whatsapp_delivery_statuses.status)`.execute(
    db,
  );
  const updated = await sql`
    UPDATE outbox
       SET delivery_status = ${input.status}, delivery_status_at = ${input.at},
           delivery_error = ${error}
     WHERE channel = 'whatsapp' AND external_id = ${input.externalId}
       AND delivery_status_rank(${input.status}) > delivery_status_rank(delivery_status)`.execute(
    db,
  );
  return (updated.numAffectedRows ?? 0n) > 0n;
}
