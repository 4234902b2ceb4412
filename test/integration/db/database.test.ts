import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../../src/db/transaction.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer, createProduct } from '../../support/factories.js';

const testDb = useTestDatabase();

describe('database types', () => {
  it('round-trips bigint money beyond 2^53 as a JS bigint', async () => {
    const huge = 2n ** 62n + 1n;
    const product = await createProduct(testDb.db, { listPriceMinor: huge });
    const row = await testDb.db
      .selectFrom('products')
      .select('list_price_minor')
      .where('sku', '=', product.sku)
      .executeTakeFirstOrThrow();
    expect(typeof row.list_price_minor).toBe('bigint');
    expect(row.list_price_minor).toBe(huge);
  });

  it('reads count(*) and int8[] as bigint, numeric as string, date as YYYY-MM-DD', async () => {
    const { rows } = await sql<{ n: bigint; arr: (bigint | null)[]; num: string; day: string }>`
      SELECT (SELECT count(*) FROM generate_series(1, 3)) AS n, ARRAY[1, NULL, 9007199254740993]::int8[] AS arr,
             12.50::numeric AS num, DATE '2026-03-01' AS day`.execute(testDb.db);
    expect(rows[0]).toEqual({
      n: 3n,
      arr: [1n, null, 9007199254740993n],
      num: '12.50',
      day: '2026-03-01',
    });
  });

  it('leaves the global pg type parsers untouched', () => {
    expect(pg.types.getTypeParser(20, 'text')('12')).toBe('12');
  });

  it('gives factory dealers a credit row with the limit asked for', async () => {
    const dealer = await createDealer(testDb.db, {
      creditLimitMinor: 50_000_00n,
      outstandingMinor: 1_500_00n,
    });
    expect(dealer.credit_limit_minor).toBe(50_000_00n);
    expect(dealer.credit.outstanding_minor).toBe(1_500_00n);
    expect(dealer.credit.open_orders_minor).toBe(0n);
  });
});

describe('inTransaction', () => {
  it('rolls everything back when the function throws', async () => {
    const sku = 'ROLLBACK-1';
    await expect(
      inTransaction(testDb.db, async (trx) => {
        await createProduct(trx, { sku });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const found = await testDb.db
      .selectFrom('products')
      .select('sku')
      .where('sku', '=', sku)
      .execute();
    expect(found).toEqual([]);
  });

  it('joins an outer transaction instead of opening a second one', async () => {
    const sku = 'NESTED-1';
    await expect(
      inTransaction(testDb.db, async (outer) => {
        await inTransaction(outer, async (inner) => {
          expect(inner).toBe(outer);
          await createProduct(inner, { sku });
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    const found = await testDb.db
      .selectFrom('products')
      .select('sku')
      .where('sku', '=', sku)
      .execute();
    expect(found).toEqual([]);
  });
});
