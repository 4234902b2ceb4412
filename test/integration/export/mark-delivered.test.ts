/**
 * An order goes to several targets; their acknowledgements may land at the same instant, each
 * in its own transaction. Whichever commits last must see the others and mark the order
 * `exported` (a write-skew otherwise leaves it `confirmed` with every delivery done).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  markExportDelivered,
  upsertExportTarget,
} from '../../../src/repositories/export.repository.js';
import { useTestDatabase } from '../../support/database.js';
import { createElectricalDealer } from '../../support/pipeline.js';

const testDb = useTestDatabase();

describe('acknowledgements of one order by several targets at once', () => {
  it('always leave the order exported', async () => {
    const dealer = await createElectricalDealer(testDb.db);
    for (const name of ['a', 'b', 'c'])
      await upsertExportTarget(testDb.db, { name, kind: 'csv', config: { folder: '/tmp/x' } });
    for (let round = 0; round < 25; round++) {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO orders (dealer_code, channel, status, subtotal_minor, total_minor, confirmed_at)
        VALUES (${dealer.code}, 'webchat', 'confirmed', 100, 100, now()) RETURNING id`.execute(
        testDb.db,
      );
      const orderId = rows[0]!.id;
      const { rows: deliveries } = await sql<{ id: string }>`
        INSERT INTO export_deliveries (target_id, order_id, order_version)
        SELECT id, ${orderId}, 1 FROM export_targets RETURNING id`.execute(testDb.db);
      await Promise.all(
        deliveries.map((d) =>
          markExportDelivered(testDb.db, d.id, { responseStatus: 200, location: null }),
        ),
      );
      const order = await testDb.db
        .selectFrom('orders')
        .select('status')
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow();
      expect(order.status).toBe('exported');
    }
  });
});
