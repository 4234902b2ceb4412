/** Volume slabs: the live tiers for pricing, and upserts from the slabs CSV. */
import { sql } from 'kysely';
import type { DateOnly } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { Slab } from '../domain/pricing/index.js';
import { addCounts, assertUniqueKeys, emptyCounts, type UpsertCounts } from './bulk.js';
import { ensurePriceLists } from './dealer.repository.js';

export async function findLiveSlabs(db: Executor, on: DateOnly): Promise<Slab[]> {
  const rows = await db
    .selectFrom('slabs')
    .selectAll()
    .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', on)]))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    target: { kind: r.target_kind, value: r.target_value },
    basis: r.basis,
    threshold: r.threshold,
    discountBp: r.discount_bp,
    priceList: r.price_list,
  }));
}

export interface UpsertSlabInput extends Slab {
  validFrom: DateOnly | null;
  validTo: DateOnly | null;
}

export async function upsertSlabs(
  db: Executor,
  slabs: readonly UpsertSlabInput[],
): Promise<UpsertCounts> {
  assertUniqueKeys(slabs, (s) => s.id, 'slab id');
  await ensurePriceLists(
    db,
    slabs.flatMap((s) => (s.priceList === null ? [] : [s.priceList])),
  );
  let counts = emptyCounts();
  for (const s of slabs) {
    const { rows } = await sql<{ inserted: boolean }>`
      INSERT INTO slabs AS t (id, target_kind, target_value, basis, threshold, discount_bp,
                              price_list, valid_from, valid_to)
      VALUES (${s.id}, ${s.target.kind}, ${s.target.value}, ${s.basis}, ${s.threshold},
              ${s.discountBp}, ${s.priceList}, ${s.validFrom}::date, ${s.validTo}::date)
      ON CONFLICT (id) DO UPDATE SET
        target_kind = excluded.target_kind, target_value = excluded.target_value,
        basis = excluded.basis, threshold = excluded.threshold, discount_bp = excluded.discount_bp,
        price_list = excluded.price_list, valid_from = excluded.valid_from, valid_to = excluded.valid_to
      WHERE (t.target_kind, t.target_value, t.basis, t.threshold, t.discount_bp, t.price_list,
             t.valid_from, t.valid_to)
        IS DISTINCT FROM (excluded.target_kind, excluded.target_value, excluded.basis,
             excluded.threshold, excluded.discount_bp, excluded.price_list, excluded.valid_from,
             excluded.valid_to)
      RETURNING (xmax = 0) AS inserted`.execute(db);
    const row = rows[0];
    counts = addCounts(counts, {
      inserted: row?.inserted === true ? 1 : 0,
      updated: row !== undefined && !row.inserted ? 1 : 0,
      unchanged: row === undefined ? 1 : 0,
    });
  }
  return counts;
}
