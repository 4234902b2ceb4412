/**
 * Orders placed in the dealer portal. The dealer picks products and
 * quantities, sees them priced from the dealer's own price list, slabs and
 * schemes (with "add N more for X% off" nudges) and the credit after the
 * order, then taps "Place order" — which is the dealer's YES. Placing goes
 * through `settleOrder`, the path every confirmation takes: priced again
 * under the dealer's credit lock, confirmed or held, audited, exported, and
 * answered in the dealer's web chat conversation, where the portal's chat
 * tab shows it. The message row keeps the order's provenance (channel
 * `webchat`, external id `portal:<request key>`), so a double tap places
 * one order.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB, OrderStatus } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { AppError } from '../../domain/app-error.js';
import { findDealerCreditView } from '../../repositories/read-models/dealer-credit.read-model.js';
import { upsertConversation } from '../../repositories/conversation.repository.js';
import { insertInboundMessage } from '../../repositories/inbound-message.repository.js';
import { findOrderForDraft } from '../../repositories/order.repository.js';
import type { PricingFacts, ReplyLine } from '../../../templates/types.js';
import { priceLines } from '../price-lines.js';
import { describeLines, pricingFacts, settleOrder } from '../validate-order.js';

/** Most lines one portal order may have. */
export const MAX_PORTAL_LINES = 100;
/** Largest quantity of one line (sales units). */
export const MAX_PORTAL_QTY = 100_000;

export const portalLinesSchema = z
  .array(
    z.object({
      sku: z.string().trim().min(1).max(100),
      qty: z.coerce
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(0)
        .max(MAX_PORTAL_QTY, { error: `must be at most ${MAX_PORTAL_QTY}` }),
    }),
  )
  .max(MAX_PORTAL_LINES, { error: `at most ${MAX_PORTAL_LINES} lines per order` })
  .transform((lines) => {
    // Zero drops a line; the same product twice adds up.
    const bySku = new Map<string, number>();
    for (const l of lines) if (l.qty > 0) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.qty);
    return [...bySku].map(([sku, qty]) => ({ sku, qty }));
  });
export type PortalLine = z.output<typeof portalLinesSchema>[number];

export type PortalPreview =
  | {
      ok: true;
      lines: ReplyLine[];
      subtotalMinor: bigint;
      totalMinor: bigint;
      pricing: PricingFacts;
      /** Schemes that apply to this order ("Buy 10 get 1 free"), with what each saves. */
      offers: { name: string; savingMinor: bigint }[];
      /** Credit left after this order; null: no limit. */
      availableAfterMinor: bigint | null;
      /** The order would wait for finance (over the limit). */
      overLimit: boolean;
    }
  | { ok: false; unavailable: string[] };

/** Prices the lines for the dealer as the order would be priced now; writes nothing. */
export async function previewPortalOrder(
  db: Executor,
  input: { dealerCode: string; lines: PortalLine[]; now: Date },
): Promise<PortalPreview> {
  if (input.lines.length === 0) throw new AppError('INVALID_INPUT', 'Add at least one product.');
  const dealer = await db
    .selectFrom('dealers')
    .select(['code', 'region', 'price_list'])
    .where('code', '=', input.dealerCode)
    .executeTakeFirst();
  if (!dealer) throw new AppError('NOT_FOUND', `dealer ${input.dealerCode} is not on file`);
  const priced = await priceLines(db, {
    dealer: { code: dealer.code, region: dealer.region, priceList: dealer.price_list },
    lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty, requestedPriceMinor: null })),
    at: input.now,
  });
  if (!priced.ok) return { ok: false, unavailable: priced.unpriceable };
  const lines = await describeLines(db, priced.lines);
  const names = new Map(priced.lines.map((l, i) => [l.sku, lines[i]?.name ?? l.sku]));
  const credit = await findDealerCreditView(db, dealer.code);
  const availableAfterMinor =
    credit?.availableMinor === null || credit === undefined
      ? null
      : credit.availableMinor - priced.totalMinor;
  return {
    ok: true,
    lines,
    subtotalMinor: priced.subtotalMinor,
    totalMinor: priced.totalMinor,
    pricing: await pricingFacts(db, priced, names),
    offers: priced.schemes.map((s) => ({ name: s.name, savingMinor: s.savingMinor })),
    availableAfterMinor,
    overLimit: availableAfterMinor !== null && availableAfterMinor < 0n,
  };
}

export interface PlacePortalOrderInput {
  dealerCode: string;
  lines: PortalLine[];
  /** The form's one-time key: the same key places the same order once. */
  requestKey: string;
  now: Date;
}

export interface PlacedPortalOrder {
  orderId: string;
  orderNo: bigint;
  status: OrderStatus;
  /** The reply written to the dealer's web chat, to be sent now (null: already written). */
  outboxId: string | null;
}

function describeForChat(lines: readonly PortalLine[]): string {
  return ['Order from the portal:', ...lines.map((l) => `${l.qty} x ${l.sku}`)].join('\n');
}

export async function placePortalOrder(
  db: Kysely<DB>,
  input: PlacePortalOrderInput,
): Promise<PlacedPortalOrder> {
  if (input.lines.length === 0) throw new AppError('INVALID_INPUT', 'Add at least one product.');
  if (!/^[\w-]{8,64}$/.test(input.requestKey))
    throw new AppError('INVALID_INPUT', 'The order form expired; please open it again.');
  return db.transaction().execute(async (trx) => {
    const conversation = await upsertConversation(trx, {
      channel: 'webchat',
      sender: input.dealerCode,
      dealerCode: input.dealerCode,
      language: null,
      lastInboundAt: input.now,
    });
    const message = await insertInboundMessage(trx, {
      channel: 'webchat',
      externalId: `portal:${input.requestKey}`,
      sender: input.dealerCode,
      dealerCode: input.dealerCode,
      text: describeForChat(input.lines),
      subject: null,
      attachments: [],
      receivedAt: input.now,
      textFlags: [],
      originalBytes: null,
    });
    if (!message.inserted) {
      const existing = await findOrderForDraft(trx, message.id, 1);
      if (!existing) throw new AppError('CONFLICT', 'This order is still being placed.');
      return {
        orderId: existing.id,
        orderNo: existing.order_no,
        status: existing.status,
        outboxId: null,
      };
    }
    // Nothing to read: the portal's lines are exact, so the parse stage never sees it.
    await trx
      .updateTable('inbound_messages')
      .set({ status: 'done', conversation_id: conversation.id })
      .where('id', '=', message.id)
      .execute();
    const settled = await settleOrder(trx, {
      dealerCode: input.dealerCode,
      order: null,
      draft: { inboundMessageId: message.id, draftNo: 1, channel: 'webchat', repCode: null },
      lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty, sourceText: null })),
      dealerConfirmed: true,
      target: {
        channel: 'webchat',
        recipient: input.dealerCode,
        conversationId: conversation.id,
        inboundMessageId: message.id,
      },
      idempotencyKey: `reply:${message.id}`,
      actor: 'dealer:portal',
      now: input.now,
    });
    const order = await trx
      .selectFrom('orders')
      .select(['order_no'])
      .where('id', '=', settled.orderId)
      .executeTakeFirstOrThrow();
    return {
      orderId: settled.orderId,
      orderNo: order.order_no,
      status: settled.status,
      outboxId: settled.outboxId,
    };
  });
}
