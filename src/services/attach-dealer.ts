/**
 * A reviewer ties a message from an unknown sender to a dealer: the message,
 * its conversation and its drafts get the dealer; optionally the sender's
 * phone or email is linked to the dealer so the next message is recognised
 * (that change bumps the master-data version, so every parse worker reloads
 * its directory). A message that made no draft gets an empty one to fill in.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../domain/app-error.js';
import { toJson } from '../db/json.js';
import type { DB, JsonValue } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { lockInboundMessage } from '../repositories/inbound-message.repository.js';
import { insertOrder } from '../repositories/order.repository.js';

export interface AttachDealerInput {
  messageId: string;
  dealerCode: string;
  /** Link the sender's phone (WhatsApp) or email address to the dealer. */
  linkSender: boolean;
  actor: string;
}

export interface AttachDealerResult {
  /** The drafts now tied to the dealer and waiting for review. */
  orderIds: string[];
  /** What was linked: the phone or address, or null. */
  linked: string | null;
}

const SENDER_REASONS = new Set(['unknown_sender', 'dealer_unverified', 'dealer_not_named']);

export async function attachDealer(
  deps: { db: Kysely<DB> },
  input: AttachDealerInput,
): Promise<AttachDealerResult> {
  return inTransaction(deps.db, async (trx) => {
    const dealer = await trx
      .selectFrom('dealers')
      .select(['code', 'language'])
      .where('code', '=', input.dealerCode.trim())
      .executeTakeFirst();
    if (!dealer) throw new AppError('NOT_FOUND', `no dealer with code ${input.dealerCode}`);
    const message = await lockInboundMessage(trx, input.messageId);
    if (!message) throw new AppError('NOT_FOUND', `message ${input.messageId} does not exist`);
    if (message.status !== 'needs_review') {
      throw new AppError('CONFLICT', 'this message is no longer waiting for review');
    }
    await trx
      .updateTable('inbound_messages')
      .set({ dealer_code: dealer.code })
      .where('id', '=', message.id)
      .execute();
    if (message.conversation_id !== null) {
      await trx
        .updateTable('conversations')
        .set({ dealer_code: dealer.code, language: dealer.language })
        .where('id', '=', message.conversation_id)
        .execute();
    }

    const drafts = await trx
      .selectFrom('orders')
      .select(['id', 'review_reasons'])
      .where('inbound_message_id', '=', message.id)
      .where('status', '=', 'needs_review')
      .execute();
    const orderIds: string[] = [];
    for (const d of drafts) {
      const reasons = d.review_reasons.filter(
        (r) =>
          !(
            typeof r === 'object' &&
            r !== null &&
            !Array.isArray(r) &&
            SENDER_REASONS.has(String(r.code))
          ),
      );
      await trx
        .updateTable('orders')
        .set({ dealer_code: dealer.code, review_reasons: toJson(reasons) })
        .where('id', '=', d.id)
        .execute();
      orderIds.push(d.id);
    }
    if (orderIds.length === 0) {
      const draftNo =
        ((
          await trx
            .selectFrom('orders')
            .select((eb) => eb.fn.max('draft_no').as('n'))
            .where('inbound_message_id', '=', message.id)
            .executeTakeFirst()
        )?.n ?? 0) + 1;
      const created = await insertOrder(trx, {
        dealerCode: dealer.code,
        repCode: message.rep_code,
        inboundMessageId: message.id,
        draftNo,
        channel: message.channel,
        status: 'needs_review',
        statusReason: 'drafted in review',
        reviewReasons: draftReasons(message.parse_result),
        subtotalMinor: 0n,
        totalMinor: 0n,
        confirmedAt: null,
        lines: [],
      });
      if (created) orderIds.push(created.id);
    }

    let linked: string | null = null;
    if (input.linkSender)
      linked = await linkSender(trx, message.channel, message.sender, dealer.code);

    await recordAuditEvents(trx, [
      {
        entityType: 'inbound_message',
        entityId: message.id,
        action: 'dealer_attached',
        actor: input.actor,
        reason: `attached to ${dealer.code}${linked === null ? '' : `; ${linked} linked`}`,
        data: { dealer: dealer.code, linked },
      },
      ...orderIds.map((id) => ({
        entityType: 'order' as const,
        entityId: id,
        action: 'dealer_attached',
        actor: input.actor,
        reason: `dealer ${dealer.code} attached in review`,
        data: { dealer: dealer.code },
      })),
    ]);
    return { orderIds, linked };
  });
}

async function linkSender(
  trx: Executor,
  channel: string,
  sender: string,
  dealerCode: string,
): Promise<string | null> {
  if (channel === 'whatsapp' && /^\+[1-9][0-9]{6,14}$/.test(sender)) {
    const taken = await trx
      .selectFrom('dealer_phones')
      .select('dealer_code')
      .where('phone', '=', sender)
      .executeTakeFirst();
    if (taken && taken.dealer_code !== dealerCode) {
      throw new AppError('CONFLICT', `${sender} already belongs to dealer ${taken.dealer_code}`);
    }
    if (!taken) {
      await trx
        .insertInto('dealer_phones')
        .values({ phone: sender, dealer_code: dealerCode })
        .execute();
    }
    return sender;
  }
  if (channel === 'email' && sender.includes('@')) {
    const email = sender.toLowerCase();
    const taken = await trx
      .selectFrom('dealer_emails')
      .select('dealer_code')
      .where('email', '=', email)
      .executeTakeFirst();
    if (taken && taken.dealer_code !== dealerCode) {
      throw new AppError('CONFLICT', `${email} already belongs to dealer ${taken.dealer_code}`);
    }
    if (!taken) {
      await trx.insertInto('dealer_emails').values({ email, dealer_code: dealerCode }).execute();
    }
    return email;
  }
  return null;
}

/** What the parser could not settle (with the dealer's words), for the reviewer's new draft. */
function draftReasons(parseResult: JsonValue | null): JsonValue[] {
  const reasons =
    typeof parseResult === 'object' &&
    parseResult !== null &&
    !Array.isArray(parseResult) &&
    Array.isArray(parseResult.reasons)
      ? parseResult.reasons.filter(
          (r) =>
            typeof r === 'object' &&
            r !== null &&
            !Array.isArray(r) &&
            !SENDER_REASONS.has(String(r.code)),
        )
      : [];
  return reasons.length > 0
    ? reasons
    : [{ code: 'unknown_product', message: 'Add the lines from the message.' }];
}
