/**
 * 50 confirmations and 10 finance approvals race against ONE dealer on real
 * PostgreSQL: every path takes the dealer's credit row lock, so exposure
 * never passes the limit except by orders with an approval on record, and
 * the running open-orders figure equals the sum of confirmed orders.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/db/transaction.js';
import { decideOrderApproval } from '../../../src/services/decide-approval.js';
import { settleOrder } from '../../../src/services/validate-order.js';
import { useTestDatabase } from '../../support/database.js';
import { createElectricalDealer, seedElectricalCatalog } from '../../support/pipeline.js';

const testDb = useTestDatabase();
const BOX = 1_380_00n; // ELX-MCB-16 on ELEC-RETAIL

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
});

async function draftMessage(dealer: string): Promise<string> {
  const row = await testDb.db
    .insertInto('inbound_messages')
    .values({
      channel: 'webchat',
      external_id: randomUUID(),
      sender: dealer,
      dealer_code: dealer,
      text: '1 box mcb 16a',
      received_at: new Date(),
      status: 'done',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function confirmNew(dealer: string, messageId: string) {
  return inTransaction(testDb.db, (trx) =>
    settleOrder(trx, {
      dealerCode: dealer,
      order: null,
      draft: { inboundMessageId: messageId, draftNo: 1, channel: 'webchat', repCode: null },
      lines: [{ sku: 'ELX-MCB-16', qty: 1, sourceText: null }],
      dealerConfirmed: false,
      target: {
        channel: 'webchat',
        recipient: dealer,
        conversationId: null,
        inboundMessageId: messageId,
      },
      idempotencyKey: `reply:${messageId}`,
      actor: 'test',
      now: new Date(),
    }),
  );
}

describe('credit under concurrency', () => {
  it('50 confirmations + 10 approvals at once: past the limit only with an approval on record', async () => {
    const d = await createElectricalDealer(testDb.db, { creditLimitMinor: 0n });
    // ten orders held on credit first (limit 0)
    const held: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await confirmNew(d.code, await draftMessage(d.code));
      expect(r.status).toBe('held_credit');
      held.push(r.orderId);
    }
    const limit = 10n * BOX;
    await testDb.db
      .updateTable('dealers')
      .set({ credit_limit_minor: limit })
      .where('code', '=', d.code)
      .execute();

    const messages = await Promise.all(Array.from({ length: 50 }, () => draftMessage(d.code)));
    const results = await Promise.allSettled([
      ...messages.map((m) => confirmNew(d.code, m)),
      ...held.map((orderId) =>
        decideOrderApproval(
          { db: testDb.db },
          {
            orderId,
            kind: 'credit',
            decision: 'approve',
            note: 'race',
            actor: { principal: 'test:finance', role: 'finance' },
          },
        ),
      ),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const orders = await testDb.db
      .selectFrom('orders')
      .select(['id', 'status', 'total_minor'])
      .where('dealer_code', '=', d.code)
      .execute();
    const confirmed = orders.filter((o) => o.status === 'confirmed');
    const approvals = await testDb.db
      .selectFrom('approvals')
      .select(['order_id', 'status'])
      .where('kind', '=', 'credit')
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .execute();
    const approvedIds = new Set(
      approvals.filter((a) => a.status === 'approved').map((a) => a.order_id),
    );
    expect(approvedIds.size).toBe(10);

    // the running figure matches the orders
    const credit = await testDb.db
      .selectFrom('dealer_credit')
      .selectAll()
      .where('dealer_code', '=', d.code)
      .executeTakeFirstOrThrow();
    expect(credit.open_orders_minor).toBe(confirmed.reduce((a, o) => a + o.total_minor, 0n));
    // without the approved ones, exposure is within the limit
    const unapproved = confirmed.filter((o) => !approvedIds.has(o.id));
    expect(unapproved.reduce((a, o) => a + o.total_minor, 0n) <= limit).toBe(true);
    // every confirmation's own check: past the limit only with an approval id
    const events = await testDb.db
      .selectFrom('audit_events')
      .select(['entity_id', 'data'])
      .where(
        'entity_id',
        'in',
        orders.map((o) => o.id),
      )
      .where('action', 'in', ['created', 'status_changed'])
      .execute();
    for (const e of events) {
      const data = e.data as Record<string, unknown>;
      if (data['to'] !== 'confirmed') continue;
      const over = BigInt(String(data['exposure_after'])) > limit;
      if (over)
        expect(approvedIds.has(e.entity_id) && data['credit_approval_id'] != null).toBe(true);
    }
    // the rest is held, with a pending approval each
    const stillHeld = orders.filter((o) => o.status === 'held_credit');
    expect(confirmed.length + stillHeld.length).toBe(60);
    expect(approvals.filter((a) => a.status === 'pending')).toHaveLength(stillHeld.length);
  });
});
