/**
 * Shared round trips and shared transactions (src/db/pipeline/) on a real PostgreSQL: combined
 * statements read back exactly what they read alone; a batch commits all or, on any failure,
 * nothing — and then each body alone, so one bad body fails only itself; keys keep bodies that
 * share rows out of one transaction.
 */
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { poolOf } from '../../../src/db/database.js';
import { combinedAutocommit } from '../../../src/db/pipeline/combined-executor.js';
import { RoundTripCombiner } from '../../../src/db/pipeline/round-trip-combiner.js';
import { TransactionBatcher } from '../../../src/db/pipeline/transaction-batcher.js';
import type { DB } from '../../../src/db/schema.js';
import { useTestDatabase } from '../../support/database.js';
import { createDealer } from '../../support/factories.js';

const testDb = useTestDatabase();

function probe(db: Kysely<DB>, i: number) {
  return sql<{
    n: bigint;
    d: string;
    at: Date;
    j: unknown;
    a: string[];
    t: string | null;
  }>`SELECT ${BigInt(i) * 10_000_000_000n}::bigint AS n, ${'2026-03-0' + ((i % 9) + 1)}::date AS d,
            ${new Date(Date.UTC(2026, 0, 1, 0, 0, i))}::timestamptz AS at,
            ${JSON.stringify({ i, q: "it's \\ ok" })}::jsonb AS j,
            ${['x', `y"${i}`]}::text[] AS a, ${i % 2 === 0 ? null : `t'${i}`} AS t`.execute(db);
}

describe('RoundTripCombiner (autocommit)', () => {
  it('answers each of many concurrent statements as they would be answered alone, in fewer round trips', async () => {
    const combiner = new RoundTripCombiner(poolOf(testDb.db)!, 'autocommit');
    const combined = combinedAutocommit(testDb.db, combiner);
    const ids = Array.from({ length: 20 }, (_, i) => i);
    const together = await Promise.all(ids.map((i) => probe(combined, i)));
    const alone = await Promise.all(ids.map((i) => probe(testDb.db, i)));
    expect(together.map((r) => r.rows)).toEqual(alone.map((r) => r.rows));
    expect(combiner.statements).toBe(20);
    expect(combiner.roundTrips).toBeLessThanOrEqual(2);
  });

  it('gives a failing statement its own error and the others their results', async () => {
    const dealer = await createDealer(testDb.db);
    const combiner = new RoundTripCombiner(poolOf(testDb.db)!, 'autocommit');
    const combined = combinedAutocommit(testDb.db, combiner);
    const results = await Promise.allSettled([
      combined
        .updateTable('dealers')
        .set({ name: 'Renamed together' })
        .where('code', '=', dealer.code)
        .executeTakeFirst(),
      sql`SELECT 1 / 0`.execute(combined),
      combined.selectFrom('dealers').select('code').where('code', '=', dealer.code).execute(),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<{ numUpdatedRows: bigint }>).value).toEqual({
      numUpdatedRows: 1n,
    });
    const row = await testDb.db
      .selectFrom('dealers')
      .select('name')
      .where('code', '=', dealer.code)
      .executeTakeFirstOrThrow();
    // the update is there once: run again alone after the combined query rolled back
    expect(row.name).toBe('Renamed together');
  });

  it('on a lost connection tells every caller, runs nothing twice and keeps no dead connection', async () => {
    const dealer = await createDealer(testDb.db, { creditLimitMinor: 10_000n });
    const pool = poolOf(testDb.db)!;
    const combiner = new RoundTripCombiner(pool, 'autocommit');
    const combined = combinedAutocommit(testDb.db, combiner);
    // PostgreSQL ends the session in the middle of the round trip (57P01, as on a restart)
    const results = await Promise.allSettled([
      sql`UPDATE dealers SET credit_limit_minor = credit_limit_minor + 1 WHERE code = ${dealer.code}`.execute(
        combined,
      ),
      sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(combined),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(combiner.roundTrips).toBe(1);
    // the session ended before its implicit transaction committed, and nothing ran again
    const row = await testDb.db
      .selectFrom('dealers')
      .select('credit_limit_minor')
      .where('code', '=', dealer.code)
      .executeTakeFirstOrThrow();
    expect(row.credit_limit_minor).toBe(10_000n);
    // the ended connection went out of the pool: every later round trip finds a live one
    const later = await Promise.all(
      Array.from({ length: 2 * pool.options.max! }, (_, i) =>
        sql<{ i: number }>`SELECT ${i}::int AS i`.execute(combined),
      ),
    );
    expect(later.map((r) => r.rows[0]!.i)).toEqual(later.map((_, i) => i));
  });

  it('refuses a transaction: it holds no connection to keep one on', async () => {
    const combined = combinedAutocommit(
      testDb.db,
      new RoundTripCombiner(poolOf(testDb.db)!, 'autocommit'),
    );
    await expect(combined.transaction().execute(() => Promise.resolve())).rejects.toThrow();
  });
});

describe('TransactionBatcher', () => {
  const txid = (trx: Kysely<DB>) =>
    sql<{ id: string }>`SELECT txid_current()::text AS id`.execute(trx).then((r) => r.rows[0]!.id);

  it('runs bodies handed in together in one transaction, and commits them all', async () => {
    const dealers = await Promise.all([1, 2, 3, 4].map(() => createDealer(testDb.db)));
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const seen = await Promise.all(
      dealers.map((d) =>
        batcher.run([`dealer:${d.code}`], async (trx) => {
          await trx
            .updateTable('dealers')
            .set({ name: `Batched ${d.code}` })
            .where('code', '=', d.code)
            .execute();
          return txid(trx);
        }),
      ),
    );
    expect(new Set(seen).size).toBe(1);
    expect(batcher.stats).toMatchObject({ batches: 1, bodies: 4, fallbacks: 0 });
    const names = await testDb.db
      .selectFrom('dealers')
      .select(['code', 'name'])
      .where(
        'code',
        'in',
        dealers.map((d) => d.code),
      )
      .execute();
    expect(names.every((r) => r.name === `Batched ${r.code}`)).toBe(true);
  });

  it('starts the bodies of a batch in the order of their keys, whatever order they came in', async () => {
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const started: string[] = [];
    await Promise.all(
      ['dealer:C', 'dealer:A', 'dealer:B'].map((key) =>
        batcher.run([key], (trx) => {
          started.push(key);
          return txid(trx);
        }),
      ),
    );
    expect(started).toEqual(['dealer:A', 'dealer:B', 'dealer:C']);
  });

  it('keeps bodies with a key in common out of one transaction', async () => {
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 2 });
    const seen = await Promise.all(
      [
        ['dealer:A', 'conversation:1'],
        ['dealer:B', 'conversation:1'],
        ['dealer:A'],
        ['dealer:C'],
      ].map((keys) => batcher.run(keys, (trx) => txid(trx))),
    );
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]).not.toBe(seen[2]);
    expect(seen[0]).toBe(seen[3]);
  });

  it('on a failing body rolls the batch back and runs each body alone: the others commit once, the bad one fails', async () => {
    const dealers = await Promise.all([1, 2, 3].map(() => createDealer(testDb.db)));
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    const runs = new Map<string, number>();
    const results = await Promise.allSettled(
      dealers.map((d, i) =>
        batcher.run([`dealer:${d.code}`], async (trx) => {
          runs.set(d.code, (runs.get(d.code) ?? 0) + 1);
          await trx
            .insertInto('audit_events')
            .values({
              entity_type: 'dealer',
              entity_id: d.code,
              action: 'batch_test',
              actor: 'test',
            })
            .execute();
          // the second body fails on a statement (division by zero): the transaction is aborted
          if (i === 1) await sql`SELECT 1 / 0`.execute(trx);
          return d.code;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batcher.stats.fallbacks).toBe(1);
    // each body ran in the batch and once more alone
    expect([...runs.values()]).toEqual([2, 2, 2]);
    const events = await testDb.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'batch_test')
      .execute();
    expect(events.map((e) => e.entity_id).sort()).toEqual(
      [dealers[0]!.code, dealers[2]!.code].sort(),
    );
  });

  it('refuses a statement a body issues after its batch ended: it never reaches a pooled connection', async () => {
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    let keep: Kysely<DB> | null = null;
    await Promise.all(
      ['A', 'B'].map((key) =>
        batcher.run([`dealer:${key}`], async (trx) => {
          keep ??= trx;
          return txid(trx);
        }),
      ),
    );
    await expect(sql`SELECT 1`.execute(keep!)).rejects.toThrow(/ended/);
  });

  it('a body that throws without a failed statement also rolls back its batch', async () => {
    const dealer = await createDealer(testDb.db);
    const other = await createDealer(testDb.db);
    const batcher = new TransactionBatcher(testDb.db, { maxBatch: 8, maxRunning: 1 });
    let tries = 0;
    const results = await Promise.allSettled([
      batcher.run([`dealer:${dealer.code}`], async (trx) => {
        await trx
          .updateTable('dealers')
          .set({ name: 'half done' })
          .where('code', '=', dealer.code)
          .execute();
        tries += 1;
        // throws in the batch; alone it succeeds with a name of its own
        if (tries === 1) throw new Error('no');
        await trx
          .updateTable('dealers')
          .set({ name: 'whole' })
          .where('code', '=', dealer.code)
          .execute();
      }),
      batcher.run([`dealer:${other.code}`], (trx) => txid(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const row = await testDb.db
      .selectFrom('dealers')
      .select('name')
      .where('code', '=', dealer.code)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('whole');
  });
});
