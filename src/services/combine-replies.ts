/**
 * One message from a rep for several dealers makes one order per dealer,
 * and each settles (and writes its reply) on its own. Sent as they are,
 * the rep would get a burst of messages; instead, before any is sent, they
 * are gathered into one reply headed "Your message made 3 orders:", each
 * part naming its dealer. A part already sent (a sweeper was quicker) stays
 * as it is, and only the rest is gathered.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';
import { insertOutboxMessage } from '../repositories/outbox.repository.js';
import type { ReplyTemplates } from '../../templates/types.js';
import type { ReplyTarget } from './reply-target.js';

/** Replaces pending replies `ids` by one; returns the ids left to send. Run in a transaction. */
export async function combineReplies(
  trx: Executor,
  input: { ids: readonly string[]; target: ReplyTarget; t: ReplyTemplates; orders: number },
): Promise<string[]> {
  if (input.ids.length < 2) return [...input.ids];
  const { rows } = await sql<{ id: string; body: string }>`
    SELECT id, body FROM outbox
    WHERE id = ANY(${[...input.ids]}::uuid[]) AND status = 'pending' AND attempts = 0
    ORDER BY created_at, id
    FOR UPDATE SKIP LOCKED`.execute(trx);
  if (rows.length < 2) return [...input.ids];
  const combined = await insertOutboxMessage(trx, {
    channel: input.target.channel,
    recipient: input.target.recipient,
    conversationId: input.target.conversationId,
    inboundMessageId: input.target.inboundMessageId,
    orderId: null,
    kind: 'combined',
    body: [
      input.t.combinedRepliesHeading({ orders: input.orders }),
      ...rows.map((r) => r.body),
    ].join('\n\n'),
    idempotencyKey: `reply:${input.target.inboundMessageId}:combined`,
  });
  if (combined === null) return [...input.ids];
  await trx
    .deleteFrom('outbox')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const gathered = new Set(rows.map((r) => r.id));
  return [combined, ...input.ids.filter((id) => !gathered.has(id))];
}
