/**
 * Multi-row statements (src/db/pipeline/multi-row.ts) on a real PostgreSQL: the same statement
 * issued by several callers at one moment runs as one statement over all their rows, and each
 * caller gets back exactly its own rows — what it gets alone; a merged statement that fails
 * leaves each caller's statement to run on its own (autocommit), or its batch to run each message
 * alone (a shared transaction), losing nothing and settling nothing twice.
 */
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { poolOf } from '../../../src/db/database.js';
import { combinedAutocommit } from '../../../src/db/pipeline/combined-executor.js';
import { MULTI_ROW_MARK, runMultiRow } from '../../../src/db/pipeline/multi-row.js';
import { RoundTripCombiner } from '../../../src/db/pipeline/round-trip-combiner.js';
import { TransactionBatcher } from '../../../src/db/pipeline/transaction-batcher.js';
import type { Executor } from '../../../src/db/transaction.js';
import { upsertConversation } from '../../../src/repositories/conversation.repository.js';
import {
  claimParseAttempt,
  insertInboundMessage,
  lockInboundMessageWithDealer,
} from '../../../src/repositories/inbound-message.repository.js';
import { queueOrderExports } from '../../../src/repositories/export.repository.js';
import { insertOrder, listOrderLines } from '../../../src/repositories/order.repository.js';
import { findPricingEntries } from '../../../src/repositories/price.repository.js';
import {
  insertOutboxMessage,
  markOutboxSent,
} from '../../../src/repositories/outbox.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createPrice, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

// renames dealers; returns each renamed row with its old-name-free result
const RENAME_SQL = `${MULTI_ROW_MARK}
  UPDATE dealers d SET name = r.doc->>'name'
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(doc, i)
   WHERE d.code = r.doc->>'code'
  RETURNING r.i::int AS _i, d.code, d.name`;

const rename = (db: Executor, rows: { code: string; name: string | null }[]) =>
  runMultiRow<{ code: string; name: string }>(db, RENAME_SQL, rows);

const combinerOf = () => new RoundTripCombiner(poolOf(testDb.db)!, 'autocommit');

async function storeMessage(dealerCode: string | null = null, sender = `+9198${Date.now()}`) {
  const { id } = await insertInboundMessage(testDb.db, {
    channel: 'whatsapp',
    externalId: `wamid.multi-row-${randomUUID()}`,
    sender,
    dealerCode,
    text: '2 box mcb',
    subject: null,
    attachments: [],
    receivedAt: new Date(),
    textFlags: [],
    originalBytes: null,
  });
  return id;
}

describe('multi-row statements through a RoundTripCombiner (autocommit)', () => {
  it('merges the same statement of many callers into one, and gives each its own rows', async () => {
    const dealers = await Promise.all(Array.from({ length: 9 }, () => createDealer(testDb.db)));
    const combiner = combinerOf();
    const combined = combinedAutocommit(testDb.db, combiner);
    // callers with one, two and three rows each, and one with none
    const asks = [
      [dealers[0]!],
      [dealers[1]!, dealers[2]!],
      [],
      [dealers[3]!, dealers[4]!, dealers[5]!],
      [dealers[6]!],
      [dealers[7]!, dealers[8]!],
    ].map((ds) => ds.map((d) => ({ code: d.code, name: `Merged ${d.code}` })));
    const got = await Promise.all(asks.map((rows) => rename(combined, rows)));
    expect(got).toEqual(asks.map((rows) => rows.map((r) => [r])));
    expect(combiner).toMatchObject({ merged: 1, mergedParts: 6, statements: 1, roundTrips: 1 });
    // alone, the same statement answers the same
    const alone = await rename(testDb.db, asks[1]!);
    expect(alone).toEqual(got[1]);
  });

  it('runs each caller alone when the merged statement fails: the bad one fails, the others succeed', async () => {
    const dealers = await Promise.all([1, 2, 3].map(() => createDealer(testDb.db)));
    const combiner = combinerOf();
    const combined = combinedAutocommit(testDb.db, combiner);
    const results = await Promise.allSettled(
      dealers.map((d, i) =>
        // a dealer's name may not be null: the second caller's row breaks the merged statement
        rename(combined, [{ code: d.code, name: i === 1 ? null : `Kept ${d.code}` }]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(combiner.merged).toBe(1);
    const names = await testDb.db
      .selectFrom('dealers')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        dealers.map((d) => d.code),
      )
      .orderBy('code')
      .execute();
    const byCode = new Map(names.map((n) => [n.code, n.name]));
    expect(byCode.get(dealers[0]!.code)).toBe(`Kept ${dealers[0]!.code}`);
    expect(byCode.get(dealers[1]!.code)).toBe(dealers[1]!.name);
    expect(byCode.get(dealers[2]!.code)).toBe(`Kept ${dealers[2]!.code}`);
  });

  it('stores many messages in one INSERT; one delivered twice at once is stored once', async () => {
    const combiner = combinerOf();
    const combined = combinedAutocommit(testDb.db, combiner);
    const wamid = (n: number) => `wamid.multi-row-intake-${n}-${Date.now()}`;
    const ids = [wamid(1), wamid(2), wamid(3), wamid(2)];
    const stored = await Promise.all(
      ids.map((externalId, n) =>
        insertInboundMessage(combined, {
          channel: 'whatsapp',
          externalId,
          sender: `+9193000${n}`,
          dealerCode: null,
          // a lone surrogate is stored as U+FFFD, as a parameter of its own stores it
          text: n === 0 ? 'half \ud800 pair' : `message ${n}`,
          subject: null,
          attachments: [{ n }],
          receivedAt: new Date(),
          textFlags: n === 2 ? ['truncated'] : [],
          originalBytes: n === 2 ? 123 : null,
          channelAccount: 'number-1',
        }),
      ),
    );
    expect(combiner.merged).toBe(1);
    expect(stored.map((s) => s.inserted)).toEqual([true, true, true, false]);
    expect(stored[3]!.id).toBe(stored[1]!.id);
    const rows = await testDb.db
      .selectFrom('inbound_messages')
      .select(['id', 'text', 'text_flags', 'original_bytes', 'attachments', 'channel_account'])
      .where(
        'id',
        'in',
        stored.map((s) => s.id),
      )
      .execute();
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(stored[0]!.id)!.text).toBe('half \ufffd pair');
    expect(byId.get(stored[2]!.id)).toMatchObject({
      text: 'message 2',
      text_flags: ['truncated'],
      original_bytes: 123,
      attachments: [{ n: 2 }],
      channel_account: 'number-1',
    });
  });

  it('claims many parse attempts in one statement, each its own message, once', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => storeMessage()));
    const combiner = combinerOf();
    const combined = combinedAutocommit(testDb.db, combiner);
    const claims = await Promise.all(ids.map((id) => claimParseAttempt(combined, id)));
    expect(claims.map((c) => c?.message.id)).toEqual(ids);
    expect(claims.every((c) => c!.message.attempts === 1)).toBe(true);
    expect(claims.every((c) => typeof c!.versions.masterData === 'bigint')).toBe(true);
    expect(combiner.merged).toBe(1);
    // the same message claimed twice at once is counted once: one claim gets it
    const twice = await Promise.all(
      [ids[0]!, ids[0]!].map((id) => claimParseAttempt(combined, id)),
    );
    expect(twice.filter((c) => c !== undefined)).toHaveLength(1);
    const row = await testDb.db
      .selectFrom('inbound_messages')
      .select('attempts')
      .where('id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
  });

  it('marks many replies sent in one statement; the conversation keeps the latest time', async () => {
    const conversation = await upsertConversation(testDb.db, {
      channel: 'whatsapp',
      sender: `+9197${Date.now()}`,
      dealerCode: null,
      language: null,
      lastInboundAt: new Date(),
    });
    const outboxIds = await Promise.all(
      [1, 2, 3].map(async (n) =>
        insertOutboxMessage(testDb.db, {
          channel: 'whatsapp',
          recipient: conversation.sender,
          conversationId: conversation.id,
          inboundMessageId: null,
          orderId: null,
          kind: 'test',
          body: `reply ${n}`,
          idempotencyKey: `multi-row-${randomUUID()}`,
        }),
      ),
    );
    const combiner = combinerOf();
    const combined = combinedAutocommit(testDb.db, combiner);
    await Promise.all(outboxIds.map((id, n) => markOutboxSent(combined, id!, `ext-${n}`)));
    expect(combiner.merged).toBe(1);
    const rows = await testDb.db
      .selectFrom('outbox')
      .select(['id', 'status', 'external_id', 'sent_at'])
      .where('conversation_id', '=', conversation.id)
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.sent_at !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.external_id))).toEqual(new Set(['ext-0', 'ext-1', 'ext-2']));
    const conv = await testDb.db
      .selectFrom('conversations')
      .select('last_outbound_at')
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    const latest = Math.max(...rows.map((r) => r.sent_at!.getTime()));
    expect(conv.last_outbound_at?.getTime()).toBe(latest);
  });
});

describe('multi-row statements in a shared transaction (TransactionBatcher)', () => {
  it('writes each message its order with its lines and its reply with its audit events and done mark', async () => {
    const dealers = await Promise.all([1, 2, 3].map(() => createDealer(testDb.db)));
    const ids = await Promise.all(dealers.map((d) => storeMessage(d.code, `+9194${d.code}`)));
    const skus = (await Promise.all([1, 2, 3].map(() => createProduct(testDb.db)))).map(
      (p) => p.sku,
    );
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const got = await Promise.all(
      dealers.map((d, i) =>
        batcher.run([`message:${ids[i]!}`, `dealer:${d.code}`], async (trx) => {
          const order = await insertOrder(trx, {
            dealerCode: d.code,
            repCode: null,
            inboundMessageId: ids[i]!,
            draftNo: 1,
            channel: 'whatsapp',
            status: 'needs_review',
            statusReason: `reason ${i}`,
            reviewReasons: [{ code: 'test', i }],
            subtotalMinor: 1_000n * BigInt(i + 1),
            totalMinor: 1_180n * BigInt(i + 1),
            confirmedAt: null,
            // i + 1 lines each
            lines: Array.from({ length: i + 1 }, (_, n) => ({
              sku: skus[n]!,
              qty: n + 1,
              sourceText: `line ${n} of ${i}`,
            })),
          });
          // the draft again: nothing new, and no lines doubled
          const again = await insertOrder(trx, {
            dealerCode: d.code,
            repCode: null,
            inboundMessageId: ids[i]!,
            draftNo: 1,
            channel: 'whatsapp',
            status: 'needs_review',
            statusReason: null,
            reviewReasons: [],
            subtotalMinor: 0n,
            totalMinor: 0n,
            confirmedAt: null,
            lines: [{ sku: skus[0]!, qty: 9, sourceText: null }],
          });
          const key = `multi-row-reply-${ids[i]!}`;
          const reply = await insertOutboxMessage(
            trx,
            {
              channel: 'whatsapp',
              recipient: `+9194${d.code}`,
              conversationId: null,
              inboundMessageId: ids[i]!,
              orderId: order!.id,
              kind: 'test',
              // a lone surrogate is stored as U+FFFD, as a parameter of its own stores it
              body: i === 2 ? `bad \ud800 half` : `reply ${i}`,
              idempotencyKey: key,
            },
            {
              audit: [
                {
                  entityType: 'order',
                  entityId: order!.id,
                  action: 'first',
                  actor: 'test',
                  reason: null,
                },
                {
                  entityType: 'order',
                  entityId: order!.id,
                  action: 'second',
                  actor: 'test',
                  reason: `r${i}`,
                  data: { i },
                },
              ],
              messageDone: ids[i]!,
            },
          );
          const replyAgain = await insertOutboxMessage(trx, {
            channel: 'whatsapp',
            recipient: `+9194${d.code}`,
            conversationId: null,
            inboundMessageId: ids[i]!,
            orderId: null,
            kind: 'test',
            body: 'again',
            idempotencyKey: key,
          });
          return { order, again, reply, replyAgain };
        }),
      ),
    );
    expect(batcher.stats).toMatchObject({ batches: 1, fallbacks: 0 });
    expect(batcher.stats.merged).toBe(4);
    for (const [i, g] of got.entries()) {
      expect(g.order).not.toBeNull();
      expect(g.again).toBeNull();
      expect(g.reply).not.toBeNull();
      expect(g.replyAgain).toBeNull();
      const lines = await listOrderLines(testDb.db, g.order!.id);
      expect(lines.map((l) => [l.sku, l.qty, l.source_text])).toEqual(
        Array.from({ length: i + 1 }, (_, n) => [skus[n], n + 1, `line ${n} of ${i}`]),
      );
      const order = await testDb.db
        .selectFrom('orders')
        .select(['order_no', 'dealer_code', 'total_minor', 'review_reasons', 'status_reason'])
        .where('id', '=', g.order!.id)
        .executeTakeFirstOrThrow();
      expect(order).toMatchObject({
        order_no: g.order!.orderNo,
        dealer_code: dealers[i]!.code,
        total_minor: 1_180n * BigInt(i + 1),
        review_reasons: [{ code: 'test', i }],
        status_reason: `reason ${i}`,
      });
      const events = await testDb.db
        .selectFrom('audit_events')
        .select(['action', 'reason', 'data'])
        .where('entity_id', '=', g.order!.id)
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        { action: 'first', reason: null, data: {} },
        { action: 'second', reason: `r${i}`, data: { i } },
      ]);
      const reply = await testDb.db
        .selectFrom('outbox')
        .select(['body', 'order_id'])
        .where('id', '=', g.reply!)
        .executeTakeFirstOrThrow();
      expect(reply).toEqual({
        body: i === 2 ? 'bad \ufffd half' : `reply ${i}`,
        order_id: g.order!.id,
      });
    }
    const statuses = await testDb.db
      .selectFrom('inbound_messages')
      .select('status')
      .where('id', 'in', ids)
      .execute();
    expect(statuses.every((m) => m.status === 'done')).toBe(true);
  });

  it('reads each message its own prices and adds each dealer its own exposure', async () => {
    const products = await Promise.all([1, 2, 3, 4].map(() => createProduct(testDb.db)));
    const skus = products.map((p) => p.sku);
    const list = `PL-${Date.now()}`;
    await createPrice(testDb.db, { priceList: list, sku: skus[0]!, priceMinor: 90_00n });
    await createPrice(testDb.db, { priceList: list, sku: skus[2]!, priceMinor: 70_00n });
    const dealers = await Promise.all(
      [list, null, list].map((priceList) => createDealer(testDb.db, { priceList })),
    );
    const asks = [
      { skus: [skus[0]!, skus[1]!, skus[0]!], priceList: list },
      { skus: [skus[2]!, 'NOT-A-SKU'], priceList: null },
      { skus: [skus[3]!, skus[2]!, skus[1]!, skus[0]!], priceList: list },
    ].map((a) => ({ ...a, region: null, on: '2026-12-07' }));
    const alone = await Promise.all(asks.map((a) => findPricingEntries(testDb.db, a)));
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const together = await Promise.all(
      dealers.map((d, i) =>
        batcher.run([`dealer:${d.code}`], async (trx) => {
          const entries = await findPricingEntries(trx, asks[i]!);
          const queued = await queueOrderExports(trx, randomUUID(), {
            dealerCode: d.code,
            deltaMinor: 1_000n * BigInt(i + 1),
          });
          return { entries, queued };
        }),
      ),
    );
    expect(batcher.stats.merged).toBe(2);
    expect(together.map((t) => t.entries)).toEqual(alone);
    expect(alone[0]!.map((e) => [e.sku, e.own_price_minor])).toEqual(
      [
        [skus[0]!, 90_00n],
        [skus[1]!, null],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    expect(alone[1]!.map((e) => e.sku)).toEqual([skus[2]!]);
    expect(together.map((t) => t.queued)).toEqual([0, 0, 0]);
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .select(['dealer_code', 'open_orders_minor'])
      .where(
        'dealer_code',
        'in',
        dealers.map((d) => d.code),
      )
      .execute();
    for (const [i, d] of dealers.entries()) {
      expect(credit.find((c) => c.dealer_code === d.code)?.open_orders_minor).toBe(
        1_000n * BigInt(i + 1),
      );
    }
  });

  it('locks and notes each message of a batch in one statement each, and returns each its own rows', async () => {
    const dealers = await Promise.all([1, 2, 3, 4].map(() => createDealer(testDb.db)));
    const ids = await Promise.all(dealers.map((d) => storeMessage(d.code, `+9196${d.code}`)));
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const got = await Promise.all(
      dealers.map((d, i) =>
        batcher.run([`message:${ids[i]!}`, `dealer:${d.code}`], async (trx) => {
          const locked = await lockInboundMessageWithDealer(trx, ids[i]!, d.code);
          const conversation = await upsertConversation(
            trx,
            {
              channel: 'whatsapp',
              sender: `+9196${d.code}`,
              dealerCode: d.code,
              language: 'en',
              lastInboundAt: new Date(),
            },
            {
              messageId: ids[i]!,
              dealerCode: d.code,
              repCode: null,
              parseResult: { orders: [{ dealer: d.code, n: i }] },
            },
          );
          return { locked, conversation };
        }),
      ),
    );
    expect(batcher.stats).toMatchObject({ batches: 1, bodies: 4, fallbacks: 0 });
    // the lock and the upsert of the four messages: one statement each
    expect(batcher.stats.merged).toBe(2);
    expect(batcher.stats.mergedParts).toBe(8);
    got.forEach(({ locked, conversation }, i) => {
      expect(locked?.message.id).toBe(ids[i]);
      expect(locked?.dealer?.code).toBe(dealers[i]!.code);
      expect(conversation.sender).toBe(`+9196${dealers[i]!.code}`);
      expect(conversation.dealer_code).toBe(dealers[i]!.code);
    });
    const messages = await testDb.db
      .selectFrom('inbound_messages')
      .select(['id', 'conversation_id', 'dealer_code', 'parse_result'])
      .where('id', 'in', ids)
      .execute();
    for (const [i, id] of ids.entries()) {
      const m = messages.find((r) => r.id === id)!;
      expect(m.conversation_id).toBe(got[i]!.conversation.id);
      expect(m.dealer_code).toBe(dealers[i]!.code);
      expect(m.parse_result).toEqual({ orders: [{ dealer: dealers[i]!.code, n: i }] });
    }
  });

  it('a message failing after a merged statement runs alone; its neighbours settle once, nothing is lost', async () => {
    const dealers = await Promise.all([1, 2, 3].map(() => createDealer(testDb.db)));
    const ids = await Promise.all(dealers.map((d) => storeMessage(d.code, `+9195${d.code}`)));
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const runs = [0, 0, 0];
    const results = await Promise.allSettled(
      dealers.map((d, i) =>
        batcher.run([`message:${ids[i]!}`, `dealer:${d.code}`], async (trx) => {
          runs[i]! += 1;
          await upsertConversation(
            trx,
            {
              channel: 'whatsapp',
              sender: `+9195${d.code}`,
              dealerCode: d.code,
              language: null,
              lastInboundAt: new Date(),
            },
            { messageId: ids[i]!, dealerCode: d.code, repCode: null, parseResult: { n: i } },
          );
          await sql`UPDATE inbound_messages SET attempts = attempts + 1 WHERE id = ${ids[i]!}::uuid`.execute(
            trx,
          );
          // the second message's transaction fails after the merged statement
          if (i === 1) await sql`SELECT 1 / 0`.execute(trx);
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batcher.stats.fallbacks).toBe(1);
    expect(batcher.stats.merged).toBeGreaterThanOrEqual(1);
    expect(runs).toEqual([2, 2, 2]);
    const messages = await testDb.db
      .selectFrom('inbound_messages')
      .select(['id', 'attempts', 'conversation_id', 'parse_result'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(messages.map((m) => [m.id, m]));
    // the good ones: written once (the batch's work rolled back, then once alone)
    for (const i of [0, 2]) {
      expect(byId.get(ids[i]!)).toMatchObject({ attempts: 1, parse_result: { n: i } });
      expect(byId.get(ids[i]!)!.conversation_id).not.toBeNull();
    }
    // the bad one: nothing of it stayed
    expect(byId.get(ids[1]!)).toMatchObject({
      attempts: 0,
      parse_result: null,
      conversation_id: null,
    });
    const conversations = await testDb.db
      .selectFrom('conversations')
      .select('sender')
      .where(
        'sender',
        'in',
        dealers.map((d) => `+9195${d.code}`),
      )
      .execute();
    expect(conversations.map((c) => c.sender).sort()).toEqual(
      [dealers[0]!, dealers[2]!].map((d) => `+9195${d.code}`).sort(),
    );
  });
});
