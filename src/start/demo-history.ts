/**
 * `npm start -- --demo`: two years of made-up order history for the demo
 * dealers, so the console's reports have something to show on a fresh
 * install. Every order is already invoiced (it leaves no open-order exposure
 * and nothing to export); values are the products' list prices. Loaded only
 * together with the demo data, into an empty database. Deterministic.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Channel, DB } from '../db/schema.js';
import { startOfIndiaDay } from '../domain/india-date.js';
import { addDays, type IsoDate } from '../domain/report-periods.js';

const DAYS = 730;
const CHANNELS: readonly Channel[] = [
  'whatsapp',
  'whatsapp',
  'whatsapp',
  'email',
  'transcript',
  'webchat',
];

/** A small linear congruential generator: the same history on every install. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** Returns how many orders it made. */
export async function loadDemoHistory(db: Kysely<DB>, today: IsoDate): Promise<number> {
  const [dealers, products] = await Promise.all([
    db.selectFrom('dealers').select('code').where('active', '=', true).orderBy('code').execute(),
    db
      .selectFrom('products')
      .select(['sku', 'list_price_minor'])
      .where('active', '=', true)
      .orderBy('sku')
      .execute(),
  ]);
  if (dealers.length === 0 || products.length === 0) return 0;
  const rand = random(2026);
  const orders: Insertable<DB['orders']>[] = [];
  const lines: Insertable<DB['order_lines']>[] = [];
  for (const [k, dealer] of dealers.entries()) {
    // every third dealer grows through the year, every third shrinks, the rest hold steady
    const shape = k % 3;
    const gap = 3 + (k % 4) * 2;
    for (let ago = DAYS - 1 - Math.floor(rand() * gap); ago >= 1; ago -= gap) {
      const share = ago / DAYS;
      const keep = shape === 0 ? 1.2 - share : shape === 1 ? 0.3 + share : 0.8;
      if (rand() > keep) continue;
      const day = addDays(today, -ago);
      const at = new Date(startOfIndiaDay(day).getTime() + (9 + rand() * 9) * 3_600_000);
      const id = randomUUID();
      let subtotal = 0n;
      const count = 1 + Math.floor(rand() * 5);
      for (let n = 1; n <= count; n++) {
        const p = products[Math.floor(rand() * products.length)]!;
        const qty = 1 + Math.floor(rand() * 12);
        const total = p.list_price_minor * BigInt(qty);
        subtotal += total;
        lines.push({
          order_id: id,
          line_no: n,
          sku: p.sku,
          qty,
          list_price_minor: p.list_price_minor,
          unit_price_minor: p.list_price_minor,
          line_total_minor: total,
        });
      }
      const confirmed = new Date(at.getTime() + 5 * 60_000);
      orders.push({
        id,
        dealer_code: dealer.code,
        channel: CHANNELS[Math.floor(rand() * CHANNELS.length)]!,
        status: 'invoiced',
        subtotal_minor: subtotal,
        total_minor: subtotal,
        confirmed_at: confirmed,
        invoiced_at: new Date(confirmed.getTime() + 86_400_000),
        created_at: at,
        updated_at: at,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < orders.length; i += 500) {
      await trx
        .insertInto('orders')
        .values(orders.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < lines.length; i += 1000) {
      await trx
        .insertInto('order_lines')
        .values(lines.slice(i, i + 1000))
        .execute();
    }
  });
  return orders.length;
}
