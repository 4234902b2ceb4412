/**
 * "I'm on this" in the review queue: a claim tells the other ops users to
 * skip an item. Claiming an item someone else holds takes it over (they
 * may have gone home); each change is audited on the item. Claims of items
 * that left the queue are cleared when the queue is read.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../domain/app-error.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';

const KEY = /^(order|message):[0-9a-f-]{36}$/;

export function isQueueKey(key: string): boolean {
  return KEY.test(key);
}

export async function claimReviewItem(
  db: Kysely<DB>,
  input: { key: string; userId: string; actor: string },
): Promise<void> {
  if (!isQueueKey(input.key)) throw new AppError('INVALID_INPUT', 'not a review-queue item');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('review_claims')
      .values({ item_key: input.key, user_id: input.userId })
      .onConflict((oc) =>
        oc.column('item_key').doUpdateSet({ user_id: input.userId, claimed_at: new Date() }),
      )
      .execute();
    const [kind, id] = input.key.split(':') as ['order' | 'message', string];
    await recordAuditEvents(trx, [
      {
        entityType: kind === 'order' ? 'order' : 'inbound_message',
        entityId: id,
        action: 'claimed',
        actor: input.actor,
        reason: null,
      },
    ]);
  });
}

/** Lets go of an item; only its holder's claim is removed. */
export async function unclaimReviewItem(
  db: Kysely<DB>,
  input: { key: string; userId: string },
): Promise<boolean> {
  const res = await db
    .deleteFrom('review_claims')
    .where('item_key', '=', input.key)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Claims of items no longer waiting (approved, rejected, closed). */
export async function clearSettledClaims(db: Kysely<DB>): Promise<void> {
  await sql`
    DELETE FROM review_claims c
    WHERE (starts_with(c.item_key, 'order:') AND NOT EXISTS (
            SELECT 1 FROM orders o
            WHERE o.id = substr(c.item_key, 7)::uuid AND o.status = 'needs_review'))
       OR (starts_with(c.item_key, 'message:') AND NOT EXISTS (
            SELECT 1 FROM inbound_messages m
            WHERE m.id = substr(c.item_key, 9)::uuid AND m.status IN ('needs_review', 'failed')))`.execute(
    db,
  );
}
