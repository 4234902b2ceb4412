/**
 * Shares PostgreSQL round trips between concurrent callers on one connection: the statements
 * they issue in the same turn of the event loop go in one round trip (one write, one read), and
 * each caller gets its own statement's result back. On this machine a round trip costs node far
 * more CPU than the statement costs PostgreSQL (README "Performance": `writev`), so N messages
 * doing their steps side by side pay about one round trip per step, not N. The statements go as
 * a pipeline of the extended protocol with one Sync (prepared-pipeline.ts): each is a named
 * prepared statement of its connection once its text is a familiar one, so PostgreSQL plans it
 * once per connection instead of once per message.
 *
 * Two modes:
 * - `transaction`: the connection is inside BEGIN (a batch of messages sharing one transaction,
 *   transaction-batcher.ts). A failed statement aborts the transaction: every statement pending
 *   or later is rejected with it and `failure` is set, so the batch rolls back.
 * - `autocommit`: statements outside any transaction (claims, marks). PostgreSQL runs the
 *   statements before one Sync as one implicit transaction, so when one fails nothing of them
 *   stayed; each statement is then run again on its own and gets its own result or error, as if
 *   it had never been combined. When the connection is lost instead (no answer, a reset, or
 *   PostgreSQL ending the session: 57P01 on a restart), whether the round trip committed is
 *   unknown: every caller gets the error, as a statement sent alone would, and nothing is run
 *   twice.
 */
import type { CompiledQuery, QueryResult } from 'kysely';
import pg from 'pg';
import { isOneStatement } from './statement-text.js';
import { isMultiRow, mergeMultiRow } from './multi-row.js';
import { runPipeline } from './prepared-pipeline.js';

/** What the combiner sends on: a pool (autocommit: a connection per round trip) or one client. */
export type PgQueryable = pg.Pool | pg.PoolClient;

interface Pending {
  query: CompiledQuery;
  resolve: (result: QueryResult<unknown>) => void;
  reject: (error: unknown) => void;
  /** A merged multi-row statement: the callers' own statements (multi-row.ts). */
  parts?: Pending[];
}

export type CombinerMode = 'transaction' | 'autocommit';

export class RoundTripCombiner {
  /** The error that aborted the transaction (transaction mode); later statements fail with it. */
  failure: unknown = null;
  /** Round trips made, and statements sent (for tests and the bench's arithmetic). */
  roundTrips = 0;
  statements = 0;
  /** Multi-row statements merged, and the callers' statements they stood for. */
  merged = 0;
  mergedParts = 0;
  private pending: Pending[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly client: PgQueryable,
    private readonly mode: CombinerMode,
  ) {}

  execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return new Promise<QueryResult<R>>((resolve, reject) => {
      this.pending.push({
        query,
        resolve: resolve as (result: QueryResult<unknown>) => void,
        reject,
      });
      this.schedule();
    });
  }

  /**
   * Refuses every later statement (the shared transaction ended and its connection went back to
   * the pool): a body that left a statement unawaited cannot reach someone else's connection.
   */
  close(): void {
    this.failure ??= new Error('the shared transaction has ended');
  }

  /** Resolves when nothing is pending or in flight. */
  async idle(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // after the microtasks: every caller resumed by the last round trip has issued its next step
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    const batch = this.merge(this.pending);
    this.pending = [];
    try {
      // runs of single statements go in one round trip; any other text goes alone, in order
      let run: Pending[] = [];
      for (const item of batch) {
        if (isOneStatement(item.query.sql)) {
          run.push(item);
          continue;
        }
        await this.send(run);
        run = [];
        await this.sendAlone(item);
      }
      await this.send(run);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.schedule();
    }
  }

  /**
   * The same multi-row statement issued by several callers at this moment becomes one statement
   * over all their rows (multi-row.ts), sent where the first of them was.
   */
  private merge(batch: Pending[]): Pending[] {
    let groups: Map<string, Pending[]> | null = null;
    for (const item of batch) {
      if (!isMultiRow(item.query)) continue;
      groups ??= new Map();
      const group = groups.get(item.query.sql);
      if (group === undefined) groups.set(item.query.sql, [item]);
      else group.push(item);
    }
    if (groups === null) return batch;
    const out: Pending[] = [];
    for (const item of batch) {
      const group = isMultiRow(item.query) ? groups.get(item.query.sql) : undefined;
      if (group === undefined || group.length === 1) out.push(item);
      else if (group[0] === item) out.push(this.mergedOf(group));
    }
    return out;
  }

  private mergedOf(parts: Pending[]): Pending {
    const { query, split } = mergeMultiRow(parts.map((p) => p.query));
    this.merged += 1;
    this.mergedParts += parts.length;
    return {
      query,
      parts,
      resolve: (result) => {
        const each = split(result);
        parts.forEach((p, i) => p.resolve(each[i]!));
      },
      reject: (error) => {
        for (const p of parts) p.reject(error);
      },
    };
  }

  private async send(run: Pending[]): Promise<void> {
    if (run.length === 0) return;
    if (this.failure !== null) {
      for (const item of run) item.reject(this.failure);
      return;
    }
    this.roundTrips += 1;
    this.statements += run.length;
    let results: pg.QueryResult[];
    try {
      results = await this.pipeline(
        run.map((item) => ({ text: item.query.sql, values: item.query.parameters })),
      );
      if (results.length !== run.length) {
        throw new Error(`${run.length} statements sent, ${results.length} results back`);
      }
    } catch (error) {
      if (this.mode === 'transaction') {
        this.failure = error;
        for (const item of run) item.reject(error);
        return;
      }
      // the connection lost: the round trip may have committed; each caller learns so
      if (connectionLost(error)) {
        for (const item of run) item.reject(error);
        return;
      }
      // autocommit: nothing of the round trip stayed; each statement on its own
      for (const item of run) {
        for (const part of item.parts ?? [item]) await this.sendAlone(part);
      }
      return;
    }
    run.forEach((item, i) => item.resolve(toKyselyResult(results[i]!)));
  }

  /** The statements in one round trip: on the transaction's client, or a pooled one. */
  private async pipeline(
    list: { text: string; values: readonly unknown[] }[],
  ): Promise<pg.QueryResult[]> {
    if (!(this.client instanceof pg.Pool)) return runPipeline(this.client, list);
    const client = await this.client.connect();
    let broken: Error | undefined;
    try {
      return await runPipeline(client, list);
    } catch (error) {
      // an error PostgreSQL answered leaves the connection usable, unless it ended the session
      if (connectionLost(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async sendAlone(item: Pending): Promise<void> {
    if (this.failure !== null) {
      item.reject(this.failure);
      return;
    }
    this.roundTrips += 1;
    this.statements += 1;
    try {
      const got = await this.client.query(item.query.sql, [...item.query.parameters]);
      item.resolve(toKyselyResult(Array.isArray(got) ? got[got.length - 1]! : got));
    } catch (error) {
      if (this.mode === 'transaction') this.failure = error;
      else if (item.parts !== undefined) {
        // a merged statement failed: each caller's own statement on its own
        for (const part of item.parts) await this.sendAlone(part);
        return;
      }
      item.reject(error);
    }
  }
}

/**
 * No answer from PostgreSQL, or an answer that ended the session or the connection (class 57:
 * shut down or terminated, "57P01"; class 08: connection exception): the connection is gone.
 */
export function connectionLost(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('57P') || code.startsWith('08');
}

/** What Kysely's own Postgres connection makes of a pg result. */
function toKyselyResult(result: pg.QueryResult): QueryResult<unknown> {
  const { command, rowCount } = result;
  return {
    numAffectedRows:
      command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE'
        ? BigInt(rowCount ?? 0)
        : undefined,
    rows: (result.rows as unknown[] | undefined) ?? [],
  };
}
