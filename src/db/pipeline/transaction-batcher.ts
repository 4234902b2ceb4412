/**
 * One transaction for several messages: concurrent jobs hand their transaction body here, and
 * bodies that arrive together run side by side in one transaction on one connection, their
 * statements sharing round trips (round-trip-combiner.ts). BEGIN and COMMIT are paid once per
 * batch, and each step of N messages is one round trip instead of N.
 *
 * What keeps each message's guarantees:
 * - Keys. Row locks do not exclude statements of the same transaction, so two bodies that could
 *   touch the same rows (the same message, conversation or dealer's credit) are never in one
 *   batch, nor in two batches of this process at once: the later waits for the next batch. Keys
 *   held by running batches also keep two batches of one process from locking rows in opposite
 *   orders.
 * - All or each. A batch commits only when every body succeeded and no statement failed. Else it
 *   rolls back — nothing of any body stayed — and every body runs again alone in a transaction of
 *   its own, as without batching: one bad message fails only itself, none is lost or doubled.
 *   A body must therefore be safe to run twice after a rollback (it re-reads everything it
 *   decides on inside the transaction, as every job body does).
 */
import type { Kysely, Transaction } from 'kysely';
import { poolOf } from '../database.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { combinedTransaction } from './combined-executor.js';
import { connectionLost, RoundTripCombiner } from './round-trip-combiner.js';

export type TransactionBody<T> = (trx: Transaction<DB>) => Promise<T>;

/** Runs a body in a transaction; `keys` name what it may write (see above). */
export type RunTransaction = <T>(keys: readonly string[], body: TransactionBody<T>) => Promise<T>;

export interface TransactionBatcherOptions {
  /** Bodies in one transaction at most. Default 16. */
  maxBatch?: number;
  /**
   * Batches (connections) running at once. Default 1: while one runs the next fills up, and one
   * batch of 8 costs the process far less than two of 4 (PostgreSQL is on the same cores).
   */
  maxRunning?: number;
}

interface Entry {
  keys: readonly string[];
  /** Its keys sorted and joined: the bodies of a batch start in this order (see pump). */
  order: string;
  body: TransactionBody<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface BatchStats {
  batches: number;
  bodies: number;
  /** Batches rolled back and run body by body. */
  fallbacks: number;
  /** Round trips of the shared transactions, BEGIN and COMMIT included. */
  roundTrips: number;
  /** Multi-row statements merged in them, and the messages' statements these stood for. */
  merged: number;
  mergedParts: number;
}

export class TransactionBatcher {
  readonly stats: BatchStats = {
    batches: 0,
    bodies: 0,
    fallbacks: 0,
    roundTrips: 0,
    merged: 0,
    mergedParts: 0,
  };
  private readonly maxBatch: number;
  private readonly maxRunning: number;
  private waiting: Entry[] = [];
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly db: Kysely<DB>,
    options: TransactionBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 16;
    this.maxRunning = options.maxRunning ?? 1;
  }

  /** A RunTransaction over this batcher. */
  readonly run: RunTransaction = <T>(keys: readonly string[], body: TransactionBody<T>) =>
    new Promise<T>((resolve, reject) => {
      const unique = [...new Set(keys)];
      this.waiting.push({
        keys: unique,
        order: [...unique].sort().join('\n'),
        body: body as TransactionBody<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.schedule();
    });

  /** Waits for every body handed in so far. */
  async close(): Promise<void> {
    while (this.waiting.length > 0 || this.running.size > 0) {
      await Promise.all([...this.running]);
      if (this.running.size === 0 && this.waiting.length > 0) this.pump();
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // after the microtasks: bodies handed in by jobs resumed together join one batch
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running.size < this.maxRunning && this.waiting.length > 0) {
      const batch: Entry[] = [];
      const rest: Entry[] = [];
      for (const entry of this.waiting) {
        if (batch.length < this.maxBatch && entry.keys.every((k) => !this.busy.has(k))) {
          for (const k of entry.keys) this.busy.add(k);
          batch.push(entry);
        } else rest.push(entry);
      }
      this.waiting = rest;
      if (batch.length === 0) return;
      // Bodies start, and so (in step) take their row locks, in the order of their keys: two
      // batches in different processes with the same dealers lock them in the same order, not
      // crosswise (which PostgreSQL would end as a deadlock, a second later).
      batch.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
      const done: Promise<void> = this.runBatch(batch).finally(() => {
        for (const entry of batch) for (const k of entry.keys) this.busy.delete(k);
        this.running.delete(done);
        if (this.waiting.length > 0) this.schedule();
      });
      this.running.add(done);
    }
  }

  private async runBatch(batch: Entry[]): Promise<void> {
    this.stats.batches += 1;
    this.stats.bodies += batch.length;
    const pool = poolOf(this.db);
    if (batch.length === 1 && pool !== undefined) return this.runAlone(pool, batch[0]!);
    if (batch.length > 1 && pool !== undefined) {
      if (await this.runTogether(pool, batch)) return;
      this.stats.fallbacks += 1;
    }
    // alone: each body in a transaction of its own (also the fallback of a failed batch)
    await Promise.all(
      batch.map((entry) => inTransaction(this.db, entry.body).then(entry.resolve, entry.reject)),
    );
  }

  /**
   * One body in a transaction of its own, as inTransaction runs it (commit when it resolves,
   * roll back and reject when it throws), its statements through a combiner as a batch's are:
   * they go as prepared statements (prepared-pipeline.ts), and those it issues at once share a
   * round trip. A statement that failed fails the body even if the body caught its error (the
   * transaction is aborted: its COMMIT would only have rolled back).
   */
  private async runAlone(
    pool: NonNullable<ReturnType<typeof poolOf>>,
    entry: Entry,
  ): Promise<void> {
    let client;
    try {
      client = await pool.connect();
    } catch (error) {
      entry.reject(error);
      return;
    }
    let broken: unknown = undefined;
    let begun = false;
    const combiner = new RoundTripCombiner(client, 'transaction');
    try {
      await client.query('BEGIN');
      begun = true;
      let value: unknown;
      try {
        value = await entry.body(combinedTransaction(this.db, combiner));
      } finally {
        // a body may leave a statement it did not wait for
        await combiner.idle();
        this.stats.roundTrips += combiner.roundTrips + 2;
        this.stats.merged += combiner.merged;
        this.stats.mergedParts += combiner.mergedParts;
      }
      if (combiner.failure !== null) throw combiner.failure;
      begun = false;
      await client.query('COMMIT');
      entry.resolve(value);
    } catch (error) {
      if (begun) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError;
        }
      } else if (connectionLost(error)) broken = error;
      entry.reject(error);
    } finally {
      combiner.close();
      client.release(broken === undefined ? undefined : true);
    }
  }

  /** true: committed and every body resolved; false: rolled back, nothing resolved. */
  private async runTogether(
    pool: NonNullable<ReturnType<typeof poolOf>>,
    batch: Entry[],
  ): Promise<boolean> {
    let client;
    try {
      client = await pool.connect();
    } catch {
      return false;
    }
    let broken: unknown = undefined;
    const combiner = new RoundTripCombiner(client, 'transaction');
    try {
      await client.query('BEGIN');
      const outcomes = await Promise.allSettled(
        batch.map((entry) => entry.body(combinedTransaction(this.db, combiner))),
      );
      // a body may leave a statement it did not wait for
      await combiner.idle();
      this.stats.roundTrips += combiner.roundTrips + 2;
      this.stats.merged += combiner.merged;
      this.stats.mergedParts += combiner.mergedParts;
      if (combiner.failure === null && outcomes.every((o) => o.status === 'fulfilled')) {
        await client.query('COMMIT');
        outcomes.forEach((o, i) => batch[i]!.resolve((o as PromiseFulfilledResult<unknown>).value));
        return true;
      }
      await client.query('ROLLBACK');
      return false;
    } catch (error) {
      // BEGIN, COMMIT or ROLLBACK failed (the connection lost): the bodies run again alone,
      // each finding its message already settled if the COMMIT did land
      broken = error;
      return false;
    } finally {
      combiner.close();
      client.release(broken === undefined ? undefined : true);
    }
  }
}
