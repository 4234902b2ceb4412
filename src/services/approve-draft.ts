/**
 * A reviewer approves a draft: the lines as corrected (products, quantities)
 * replace the parser's, and the order continues exactly as a sure parse
 * would — priced, credit-checked and answered through `settleOrder`, in one
 * transaction holding the locks in the global order (conversation → dealer
 * credit → order). Every line whose product the reviewer settled teaches
 * the dealer's words as an alias (see learn-alias.ts).
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import type { OrderStatus } from '../domain/order-status.js';
import type { DB, JsonValue } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { JobQueue } from '../queues/job-catalog.js';
import { recordAuditEvents } from '../repositories/audit.repository.js';
import { lockConversation } from '../repositories/conversation.repository.js';
import { lockDealerCredit } from '../repositories/credit.repository.js';
import { findOrder, lockOrder } from '../repositories/order.repository.js';
import { learnAlias } from './learn-alias.js';
import { actionKey, closeMessageIfReviewed } from './review-target.js';
import { findOrderReplyTarget } from './reply-target.js';
import { settleOrder } from './validate-order.js';

export interface ApproveDraftDeps {
  db: Kysely<DB>;
  jobs: Pick<JobQueue, 'enqueue'>;
  now?: () => Date;
}

export const approveDraftSchema = z.object({
  orderId: z.string().min(1),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(100),
        qty: z.number().int().positive().max(1_000_000),
        /** The dealer's words this line was read from (null: added by the reviewer). */
        sourceText: z.string().max(2000).nullable(),
      }),
    )
    .min(1, { message: 'an order needs at least one line' })
    .max(500),
  /** Who approves, for the audit trail: `user:<email>`. */
  actor: z.string().min(1),
  /** Learn the corrected words for this dealer, for everyone (admins), or not at all. */
  learn: z.enum(['dealer', 'everyone', 'none']).default('dealer'),
});

export type ApproveDraftInput = z.input<typeof approveDraftSchema>;

export interface ApproveDraftResult {
  orderId: string;
  status: OrderStatus;
  learned: { alias: string; sku: string; dealerCode: string | null }[];
  /** Corrections whose words were not learned, and why ("piece" names many products). */
  notLearned: { alias: string; sku: string; why: string }[];
}

export async function approveDraft(
  deps: ApproveDraftDeps,
  raw: ApproveDraftInput,
): Promise<ApproveDraftResult> {
  const input = approveDraftSchema.parse(raw);
  const now = deps.now?.() ?? new Date();
  const peek = await findOrder(deps.db, input.orderId);
  if (!peek) throw new AppError('NOT_FOUND', `order ${input.orderId} does not exist`);
  if (peek.dealer_code === null) {
    throw new AppError('INVALID_INPUT', 'attach the dealer before approving this draft');
  }
  const dealerCode = peek.dealer_code;
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const known = await deps.db
    .selectFrom('products')
    .select('sku')
    .where('sku', 'in', skus)
    .where('active', '=', true)
    .execute();
  const missing = skus.filter((s) => !known.some((k) => k.sku === s));
  if (missing.length > 0) {
    throw new AppError('INVALID_INPUT', `not in the catalog (or not sold): ${missing.join(', ')}`);
  }

  const result = await inTransaction(deps.db, async (trx) => {
    const target = await findOrderReplyTarget(trx, peek.inbound_message_id);
    if (target === null) throw new AppError('CONFLICT', 'this order has no message to answer');
    if (target.conversationId !== null) await lockConversation(trx, target.conversationId);
    const credit = await lockDealerCredit(trx, dealerCode);
    const order = await lockOrder(trx, input.orderId);
    if (!order || order.status !== 'needs_review' || order.dealer_code !== dealerCode) {
      throw new AppError('CONFLICT', `order #${peek.order_no} is no longer waiting for review`);
    }

    // What the parser read, by the dealer's words: a line whose product the
    // reviewer changed, or a mention the parser could not settle, teaches.
    const parsedSku = new Map<string, string>();
    for (const l of peek.lines) if (l.source_text !== null) parsedSku.set(l.source_text, l.sku);
    const learned: ApproveDraftResult['learned'] = [];
    const notLearned: ApproveDraftResult['notLearned'] = [];
    if (input.learn !== 'none') {
      const scope = input.learn === 'everyone' ? null : dealerCode;
      for (const line of input.lines) {
        if (line.sourceText === null || parsedSku.get(line.sourceText) === line.sku) continue;
        const alias = await learnAlias(trx, {
          dealerCode: scope,
          source: line.sourceText,
          sku: line.sku,
          createdBy: input.actor,
        });
        if (alias === null) continue;
        if (alias.learned) learned.push({ alias: alias.alias, sku: line.sku, dealerCode: scope });
        else notLearned.push({ alias: alias.alias, sku: line.sku, why: alias.why });
      }
    }

    await recordAuditEvents(trx, [
      {
        entityType: 'order',
        entityId: order.id,
        action: 'reviewed',
        actor: input.actor,
        reason: 'approved in review',
        data: {
          before: peek.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
          after: input.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
          learned: learned as unknown as JsonValue,
          not_learned: notLearned as unknown as JsonValue,
        },
      },
    ]);
    const settled = await settleOrder(trx, {
      dealerCode,
      order: { id: order.id, orderNo: order.order_no, status: order.status },
      lines: input.lines,
      dealerConfirmed: false,
      target,
      idempotencyKey: actionKey('approve', order.id),
      actor: input.actor,
      now,
      ...(credit ? { lockedCredit: credit } : {}),
    });
    await closeMessageIfReviewed(trx, order.inbound_message_id);
    return { settled, learned, notLearned };
  });
  if (result.settled.outboxId !== null) {
    await deps.jobs.enqueue('notify', [{ outboxId: result.settled.outboxId }]);
  }
  return {
    orderId: result.settled.orderId,
    status: result.settled.status,
    learned: result.learned,
    notLearned: result.notLearned,
  };
}
