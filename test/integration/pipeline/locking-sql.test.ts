/**
 * The SQL of the credit lock and the price lookup, snapshotted: a change to
 * the locking (FOR UPDATE OF c) or to which price wins shows up in review.
 * Also checks on a real database that the lock really serializes.
 */
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/db/transaction.js';
import {
  lockDealerCredit,
  lockDealerCreditQuery,
} from '../../../src/repositories/credit.repository.js';
import {
  effectivePriceEntriesQuery,
  findEffectivePriceEntries,
} from '../../../src/repositories/price.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createPrice, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

describe('credit lock SQL', () => {
  it('locks only the dealer_credit row, FOR UPDATE', () => {
    const compiled = lockDealerCreditQuery(testDb.db, 'D1').compile();
    expect(compiled.sql).toMatchInlineSnapshot(`
      "select "c"."dealer_code", "d"."credit_limit_minor", "c"."temp_limit_minor", "c"."temp_limit_expires_at", "c"."outstanding_minor", "c"."open_orders_minor", "d"."credit_policy", "d"."auto_confirm", "d"."overdue_days", (
              SELECT current_date - min(l.due_date) FROM ledger_entries l
              WHERE l.dealer_code = c.dealer_code AND l.kind = 'invoice'
                AND l.settled_at IS NULL AND l.due_date < current_date) as "oldest_overdue_days" from "dealer_credit" as "c" inner join "dealers" as "d" on "d"."code" = "c"."dealer_code" where "c"."dealer_code" = $1 for update of "c""
    `);
    expect(compiled.parameters).toEqual(['D1']);
  });

  it('makes a second transaction wait until the first commits', async () => {
    const d = await createDealer(testDb.db, { creditLimitMinor: 100n });
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = inTransaction(testDb.db, async (trx) => {
      await lockDealerCredit(trx, d.code);
      order.push('first locked');
      await held;
      order.push('first commits');
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = inTransaction(testDb.db, async (trx) => {
      await lockDealerCredit(trx, d.code);
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first commits', 'second locked']);
  });

  it('creates a missing credit row and returns undefined for an unknown dealer', async () => {
    const d = await createDealer(testDb.db);
    await testDb.db.deleteFrom('dealer_credit').where('dealer_code', '=', d.code).execute();
    const snap = await inTransaction(testDb.db, (trx) => lockDealerCredit(trx, d.code));
    expect(snap).toMatchObject({ dealer_code: d.code, open_orders_minor: 0n });
    expect(
      await inTransaction(testDb.db, (trx) => lockDealerCredit(trx, 'NOBODY')),
    ).toBeUndefined();
  });
});

describe('effective price SQL', () => {
  it('picks the latest effective_from covering the day', () => {
    const compiled = effectivePriceEntriesQuery({
      priceList: 'RETAIL',
      skus: ['A', 'A', 'B'],
      on: '2025-11-01',
    }).compile(testDb.db);
    expect(compiled.sql).toMatchInlineSnapshot(`
      "
          SELECT DISTINCT ON (sku) sku, price_minor, effective_from
          FROM prices
          WHERE price_list = $1
            AND sku = any($2::text[])
            AND (effective_from IS NULL OR effective_from <= $3::date)
            AND (effective_to IS NULL OR effective_to >= $4::date)
          ORDER BY sku, effective_from DESC NULLS LAST"
    `);
    expect(compiled.parameters).toEqual(['RETAIL', ['A', 'B'], '2025-11-01', '2025-11-01']);
  });

  it('returns the dated price over the undated one, and nothing outside the dates', async () => {
    const p = await createProduct(testDb.db);
    await createPrice(testDb.db, { priceList: 'SNAP', sku: p.sku, priceMinor: 90_00n });
    await createPrice(testDb.db, {
      priceList: 'SNAP',
      sku: p.sku,
      priceMinor: 85_00n,
      effectiveFrom: '2025-10-01',
      effectiveTo: '2025-12-31',
    });
    const inside = await findEffectivePriceEntries(testDb.db, {
      priceList: 'SNAP',
      skus: [p.sku],
      on: '2025-11-01',
    });
    expect(inside).toEqual([{ sku: p.sku, price_minor: 85_00n, effective_from: '2025-10-01' }]);
    const after = await findEffectivePriceEntries(testDb.db, {
      priceList: 'SNAP',
      skus: [p.sku],
      on: '2026-01-01',
    });
    expect(after).toEqual([{ sku: p.sku, price_minor: 90_00n, effective_from: null }]);
  });
});
