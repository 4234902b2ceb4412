/**
 * Shared steps of the console's review actions: closing a message once none
 * of its drafts waits for review. (Where a reply about an order goes is
 * `findOrderReplyTarget` in reply-target.ts.)
 */
import { AppError } from '../domain/app-error.js';
import type { Executor } from '../db/transaction.js';

/** Marks the message done once no order drafted from it is still in review. */
export async function closeMessageIfReviewed(
  trx: Executor,
  inboundMessageId: string | null,
): Promise<void> {
  if (inboundMessageId === null) return;
  const open = await trx
    .selectFrom('orders')
    .select('id')
    .where('inbound_message_id', '=', inboundMessageId)
    .where('status', '=', 'needs_review')
    .executeTakeFirst();
  if (open) return;
  await trx
    .updateTable('inbound_messages')
    .set({ status: 'done', error: null })
    .where('id', '=', inboundMessageId)
    .where('status', '=', 'needs_review')
    .execute();
}

/** A unique idempotency key for a person's action (a double submit stops at the status check). */
export function actionKey(action: string, id: string): string {
  return `console:${action}:${id}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function requireNote(note: string | undefined, what: string): string {
  const text = note?.trim() ?? '';
  if (text === '') throw new AppError('INVALID_INPUT', `${what}: a note is required`);
  if (text.length > 1000) throw new AppError('INVALID_INPUT', `${what}: the note is too long`);
  return text;
}
