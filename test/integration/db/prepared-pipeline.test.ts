/**
 * The combiner's round trips as pipelines of prepared statements (src/db/pipeline/
 * prepared-pipeline.ts) on a real PostgreSQL: a familiar text becomes a named statement of its
 * connection and answers as it did unnamed; a statement that fails after its Parse leaves
 * nothing that breaks the next use of the name; names survive a rollback; several statements
 * before one Sync are one implicit transaction.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, poolOf } from '../../../src/db/database.js';
import { combinedAutocommit } from '../../../src/db/pipeline/combined-executor.js';
import { preparedOn, runPipeline } from '../../../src/db/pipeline/prepared-pipeline.js';
import { RoundTripCombiner } from '../../../src/db/pipeline/round-trip-combiner.js';
import type { DB } from '../../../src/db/schema.js';
import { useTestDatabase } from '../../support/database.js';

const testDb = useTestDatabase();
const opened: Kysely<DB>[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
});

/** A database handle on ONE connection, so every statement meets the same prepared ones. */
function oneConnection(): Kysely<DB> {
  const db = createDatabase({ url: testDb.url, max: 1, applicationName: 'orderdesk-test' });
  opened.push(db);
  return db;
}

async function backendPreparedCount(db: Kysely<DB>, text: string): Promise<number> {
  const client = await poolOf(db)!.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1',
      [text],
    );
    return Number(rows[0]!.n);
  } finally {
    client.release();
  }
}

describe('prepared pipelines', () => {
  it('prepares a text once it is familiar, and answers as it did unnamed (types included)', async () => {
    const db = oneConnection();
    const combined = combinedAutocommit(db, new RoundTripCombiner(poolOf(db)!, 'autocommit'));
    const probe = (i: number) =>
      sql<{ n: bigint; d: string; j: unknown; t: string | null }>`
        SELECT ${BigInt(i) * 10_000_000_000n}::bigint AS n, ${`2026-03-0${(i % 9) + 1}`}::date AS d,
               ${JSON.stringify({ i, q: "it's \\ ok" })}::jsonb AS j, ${i % 2 === 0 ? null : `t'${i}`}::text AS t
          /* prepared-pipeline test */`;
    const text = probe(0).compile(db).sql;
    const got = [];
    for (let i = 0; i < 6; i += 1) got.push((await probe(i).execute(combined)).rows[0]);
    const alone = [];
    for (let i = 0; i < 6; i += 1) alone.push((await probe(i).execute(db)).rows[0]);
    expect(got).toEqual(alone);
    expect(got[3]).toEqual({
      n: 30_000_000_000n,
      d: '2026-03-04',
      j: { i: 3, q: "it's \\ ok" },
      t: "t'3",
    });
    expect(await backendPreparedCount(db, text)).toBe(1);
  });

  it('re-prepares a name whose first use failed after its Parse', async () => {
    const db = oneConnection();
    const pool = poolOf(db)!;
    const text = 'SELECT 10 / $1::int AS q /* prepared-pipeline failing first use */';
    const client = await pool.connect();
    try {
      // twice unnamed, then named: that third use fails while executing, its Parse done
      for (const value of [1, 2]) await runPipeline(client, [{ text, values: [value] }]);
      await expect(runPipeline(client, [{ text, values: [0] }])).rejects.toThrow(
        /division by zero/,
      );
      expect([...preparedOn(client)]).toEqual([]);
      const [ok] = await runPipeline(client, [{ text, values: [5] }]);
      expect(ok!.rows).toEqual([{ q: 2 }]);
      expect(preparedOn(client).size).toBe(1);
      // and again, from the connection's prepared statement
      const [again] = await runPipeline(client, [{ text, values: [2] }]);
      expect(again!.rows).toEqual([{ q: 5 }]);
    } finally {
      client.release();
    }
  });

  it('prepares again a statement whose table changed its columns, after one failure', async () => {
    const db = oneConnection();
    await sql`CREATE TABLE prepared_pipeline_columns (n int)`.execute(db);
    await sql`INSERT INTO prepared_pipeline_columns VALUES (1)`.execute(db);
    const client = await poolOf(db)!.connect();
    const text = 'SELECT * FROM prepared_pipeline_columns WHERE n = $1::int';
    try {
      for (const value of [1, 1, 1]) await runPipeline(client, [{ text, values: [value] }]);
      expect(preparedOn(client).size).toBe(1);
      await client.query('ALTER TABLE prepared_pipeline_columns ADD COLUMN m int DEFAULT 7');
      // PostgreSQL refuses the old plan once, not at every later use
      await expect(runPipeline(client, [{ text, values: [1] }])).rejects.toThrow(/cached plan/);
      const [after] = await runPipeline(client, [{ text, values: [1] }]);
      expect(after!.rows).toEqual([{ n: 1, m: 7 }]);
    } finally {
      client.release();
    }
  });

  it('keeps prepared statements through a rollback', async () => {
    const db = oneConnection();
    const client = await poolOf(db)!.connect();
    const text = 'SELECT $1::int + 1 AS n /* prepared-pipeline rollback */';
    try {
      await client.query('BEGIN');
      for (const value of [1, 2, 3]) await runPipeline(client, [{ text, values: [value] }]);
      await client.query('ROLLBACK');
      expect(preparedOn(client).size).toBe(1);
      const [after] = await runPipeline(client, [{ text, values: [41] }]);
      expect(after!.rows).toEqual([{ n: 42 }]);
    } finally {
      client.release();
    }
  });

  it('runs the statements before one Sync as one transaction: a failure leaves none of them', async () => {
    const db = oneConnection();
    await sql`CREATE TABLE prepared_pipeline_probe (n int PRIMARY KEY)`.execute(db);
    const client = await poolOf(db)!.connect();
    try {
      const insert = 'INSERT INTO prepared_pipeline_probe (n) VALUES ($1::int)';
      await expect(
        runPipeline(client, [
          { text: insert, values: [1] },
          { text: 'SELECT 1 / $1::int', values: [0] },
          { text: insert, values: [2] },
        ]),
      ).rejects.toThrow(/division by zero/);
      const results = await runPipeline(client, [
        { text: 'SELECT count(*)::int AS n FROM prepared_pipeline_probe', values: [] },
        { text: insert, values: [3] },
        { text: 'SELECT array_agg(n)::text AS ns FROM prepared_pipeline_probe', values: [] },
      ]);
      expect(results.map((r) => r.rows)).toEqual([[{ n: 0 }], [], [{ ns: '{3}' }]]);
      expect(results[1]!.rowCount).toBe(1);
    } finally {
      client.release();
    }
  });
});
