/**
 * Sends "time for your usual order?" to dealers who opted in (on the
 * portal's account page) once their usual interval has passed since their
 * last order (domain/usual-order.ts). At most one reminder per last order,
 * in Indian working hours, on the conversation the dealer last wrote in
 * (else their WhatsApp number, else email). The reply they need is one
 * word: "same as last time" makes the draft for YES.
 */
import { sql, type Kysely } from 'kysely';
import type { Channel, DB } from '../../db/schema.js';
import { CONFIRMED_OR_LATER } from '../../domain/order-status.js';
import { usualOrderDue } from '../../domain/usual-order.js';
import { inTransaction } from '../../db/transaction.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import { insertOutboxMessage } from '../../repositories/outbox.repository.js';
import { templatesForReply } from '../reply-language.js';
import { orderLabel } from '../reply-target.js';

/** Orders looked at per dealer to find the rhythm. */
const RECENT_ORDERS = 10;
/** Reminders go out between these hours, India time. */
const WORKING_HOURS = { from: 9, to: 19 } as const;

export function inIndianWorkingHours(now: Date): boolean {
  const minutes = (now.getUTCHours() * 60 + now.getUTCMinutes() + 330) % (24 * 60);
  return minutes >= WORKING_HOURS.from * 60 && minutes < WORKING_HOURS.to * 60;
}

export interface RemindersDeps {
  db: Kysely<DB>;
  jobs?: Pick<JobQueue, 'enqueue'> | null;
}

/** Sends the reminders due now; returns how many. */
export async function sendUsualOrderReminders(deps: RemindersDeps, now: Date): Promise<number> {
  if (!inIndianWorkingHours(now)) return 0;
  const { rows } = await sql<{
    dealer_code: string;
    language: string;
    id: string;
    order_no: bigint;
    created_at: Date;
  }>`
    SELECT o.dealer_code, d.language, o.id, o.order_no, o.created_at
    FROM dealers d
    CROSS JOIN LATERAL (
      SELECT id, order_no, created_at, dealer_code FROM orders
      WHERE dealer_code = d.code AND status = ANY(${[...CONFIRMED_OR_LATER]}::text[])
      ORDER BY created_at DESC LIMIT ${RECENT_ORDERS}
    ) o
    WHERE d.usual_order_reminder AND d.active AND d.rollout <> 'off'
    ORDER BY o.dealer_code, o.created_at DESC`.execute(deps.db);
  const byDealer = new Map<string, typeof rows>();
  for (const r of rows) byDealer.set(r.dealer_code, [...(byDealer.get(r.dealer_code) ?? []), r]);

  const outboxIds: string[] = [];
  for (const [dealerCode, orders] of byDealer) {
    const due = usualOrderDue({ orderTimes: orders.map((o) => o.created_at), now });
    const last = orders[0];
    if (due === null || last === undefined) continue;
    const id = await inTransaction(deps.db, async (trx) => {
      const claimed = await trx
        .insertInto('usual_order_reminders')
        .values({ dealer_code: dealerCode, after_order_id: last.id, sent_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('dealer_code')
        .executeTakeFirst();
      if (!claimed) return null;
      const target = await reminderTarget(trx, dealerCode);
      if (target === null) return null;
      const t = await templatesForReply(trx, last.language, target.conversationId);
      return insertOutboxMessage(trx, {
        ...target,
        inboundMessageId: null,
        orderId: last.id,
        kind: 'usual_order_reminder',
        body: t.usualOrderReminder({
          daysSinceLast: due.daysSinceLast,
          lastOrderNo: orderLabel(last.order_no),
        }),
        idempotencyKey: `usual-order:${dealerCode}:${last.id}`,
      });
    });
    if (id !== null) outboxIds.push(id);
  }
  if (outboxIds.length > 0 && deps.jobs)
    await deps.jobs.enqueue(
      'notify',
      outboxIds.map((outboxId) => ({ outboxId })),
    );
  return outboxIds.length;
}

/** The conversation the dealer last wrote in (not the portal's), else their first phone or email. */
async function reminderTarget(
  db: Parameters<typeof insertOutboxMessage>[0],
  dealerCode: string,
): Promise<{ channel: Channel; recipient: string; conversationId: string | null } | null> {
  const conversation = await db
    .selectFrom('conversations')
    .select(['id', 'channel', 'sender'])
    .where('dealer_code', '=', dealerCode)
    .where('channel', 'in', ['whatsapp', 'email'])
    .orderBy('last_inbound_at', (ob) => ob.desc().nullsLast())
    .limit(1)
    .executeTakeFirst();
  if (conversation)
    return {
      channel: conversation.channel,
      recipient: conversation.sender,
      conversationId: conversation.id,
    };
  const phone = await db
    .selectFrom('dealer_phones')
    .select('phone')
    .where('dealer_code', '=', dealerCode)
    .orderBy('phone')
    .executeTakeFirst();
  if (phone) return { channel: 'whatsapp', recipient: phone.phone, conversationId: null };
  const email = await db
    .selectFrom('dealer_emails')
    .select('email')
    .where('dealer_code', '=', dealerCode)
    .orderBy('email')
    .executeTakeFirst();
  return email ? { channel: 'email', recipient: email.email, conversationId: null } : null;
}
