/**
 * A property over random runs of orders, invoices, payments and credit
 * notes for one dealer (real pipeline, real PostgreSQL): whatever happens,
 * outstanding is the sum of the ledger, open orders are exactly the
 * confirmed orders not yet invoiced, every order still held would not fit,
 * and replaying every ERP record changes nothing.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDealerCredit } from '../../../src/repositories/credit.repository.js';
import { recordInvoice } from '../../../src/services/accounting/record-invoice.js';
import { recordPayment } from '../../../src/services/accounting/record-payment.js';
import { useTestDatabase } from '../../support/database.js';
import {
  closeAfterAll,
  createElectricalDealer,
  placeWebchatOrder,
  seedElectricalCatalog,
  startPipeline,
  waitForQuiet,
  type Pipeline,
} from '../../support/pipeline.js';

const testDb = useTestDatabase();
const track = closeAfterAll();
let pipeline: Pipeline;

beforeAll(async () => {
  await seedElectricalCatalog(testDb.db);
  pipeline = track(startPipeline(testDb.db));
});

const step = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), boxes: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('invoice' as const),
    /** Which placed order (modulo how many there are). */
    pick: fc.nat(),
    /** Share of the order total invoiced, in percent (part invoices happen). */
    share: fc.integer({ min: 50, max: 100 }),
  }),
  fc.record({
    kind: fc.constantFrom('payment' as const, 'credit_note' as const),
    rupees: fc.integer({ min: 1, max: 6000 }),
  }),
);

type Replay = () => Promise<{ id: string }>;

describe('the credit ledger under random ERP traffic', () => {
  it('keeps outstanding, open orders and held orders consistent, and replays change nothing', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 7 }), async (steps) => {
        run += 1;
        const dealer = await createElectricalDealer(testDb.db, {
          creditLimitMinor: 8000_00n,
          outstandingMinor: 3000_00n,
        });
        const orders: { id: string; total: bigint }[] = [];
        const replays: { replay: Replay; id: string }[] = [];
        for (const [i, s] of steps.entries()) {
          if (s.kind === 'order') {
            const o = await placeWebchatOrder(
              testDb.db,
              pipeline,
              dealer.code,
              `${s.boxes} box voltra mcb 16a`,
            );
            orders.push({ id: o.id, total: o.total_minor });
            continue;
          }
          if (s.kind === 'invoice') {
            if (orders.length === 0) continue;
            const order = orders[s.pick % orders.length]!;
            const status = (
              await testDb.db
                .selectFrom('orders')
                .select('status')
                .where('id', '=', order.id)
                .executeTakeFirstOrThrow()
            ).status;
            if (!['confirmed', 'exported', 'invoiced'].includes(status)) continue;
            const replay = () =>
              recordInvoice(testDb.db, {
                invoiceNo: `INV-${run}-${i}`,
                orderId: order.id,
                date: '2026-12-01',
                dueDate: null,
                amountMinor: (order.total * BigInt(s.share)) / 100n,
                actor: 'property',
              });
            replays.push({ replay, id: (await replay()).id });
            continue;
          }
          const replay = () =>
            recordPayment(
              { db: testDb.db, jobs: pipeline.jobs },
              {
                kind: s.kind,
                dealerCode: dealer.code,
                amountMinor: BigInt(s.rupees) * 100n,
                date: '2026-12-02',
                reference: `REF-${run}-${i}`,
                actor: 'property',
              },
            );
          replays.push({ replay, id: (await replay()).id });
        }
        await waitForQuiet(testDb.db);

        const state = async () => {
          const credit = (await findDealerCredit(testDb.db, dealer.code))!;
          const { rows } = await sql<{ ledger: string; open: string; entries: string }>`
            SELECT
              (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries
                WHERE dealer_code = ${dealer.code}) AS ledger,
              (SELECT count(*) FROM ledger_entries WHERE dealer_code = ${dealer.code}) AS entries,
              (SELECT coalesce(sum(total_minor), 0) FROM orders
                WHERE dealer_code = ${dealer.code} AND invoiced_at IS NULL
                  AND status IN ('confirmed', 'exported', 'dispatched', 'delivered')) AS open`.execute(
            testDb.db,
          );
          const held = await testDb.db
            .selectFrom('orders')
            .select('total_minor')
            .where('dealer_code', '=', dealer.code)
            .where('status', '=', 'held_credit')
            .execute();
          return { credit, sums: rows[0]!, held };
        };
        const before = await state();
        expect(before.credit.outstanding_minor).toBe(BigInt(before.sums.ledger));
        expect(before.credit.open_orders_minor).toBe(BigInt(before.sums.open));
        for (const h of before.held) {
          // Still held only because it would not fit now.
          expect(
            before.credit.outstanding_minor + before.credit.open_orders_minor + h.total_minor,
          ).toBeGreaterThan(8000_00n);
        }

        for (const r of replays) expect((await r.replay()).id).toBe(r.id);
        const after = await state();
        expect(after.sums).toEqual(before.sums);
        expect(after.credit.outstanding_minor).toBe(before.credit.outstanding_minor);
        expect(after.credit.open_orders_minor).toBe(before.credit.open_orders_minor);
      }),
      { numRuns: 30, seed: Number(process.env['PROPERTY_SEED'] ?? 20261206) },
    );
  }, 120_000);
});
