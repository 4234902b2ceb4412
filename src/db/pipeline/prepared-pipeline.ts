/**
 * Several statements in one round trip over the extended protocol, each a named prepared
 * statement of its connection once its text has come a few times: PostgreSQL parses, analyses
 * and plans such a statement once per connection (its plan cache then keeps a generic plan when
 * that costs no more than the custom ones), not on every message. The eighth round's profile
 * found planning alone at 30% of PostgreSQL's statement time, the outbox claim's and the credit
 * lock's plans dearer than running them (README "Performance").
 *
 * On the wire: for each statement [Close] [Parse] Bind Describe Execute, then ONE Sync, written
 * with one write. Outside BEGIN the statements before the Sync run in one implicit transaction,
 * as a multi-statement simple query does: when one fails PostgreSQL skips the rest and rolls all
 * back (the RoundTripCombiner then runs each again alone). The results come back in order; the
 * callback gets one pg result per statement, or the first error.
 *
 * Which connection has which statement: a name is marked prepared on its connection when the
 * statement that parsed it completed; a statement that failed after sending its Parse leaves its
 * name unsure (it may or may not exist), so the next use closes it first (closing a statement
 * that does not exist is no error). So does a statement PostgreSQL no longer runs because a
 * table it reads changed its columns ("cached plan must not change result type", which it
 * would otherwise answer at every later use). Prepared statements are the session's, not the
 * transaction's: a rollback keeps them; a connection that is dropped takes them with it.
 */
import { createRequire } from 'node:module';
import type pg from 'pg';

const requirePg = createRequire(createRequire(import.meta.url).resolve('pg'));
const { serialize } = requirePg('pg-protocol') as { serialize: Serializer };
const { prepareValue } = requirePg('./utils.js') as {
  prepareValue: (value: unknown) => unknown;
};
const Result = requirePg('./result.js') as new (rowMode: undefined, types: unknown) => PgResult;

interface Serializer {
  parse(query: { text: string; name?: string; types?: number[] }): Buffer;
  bind(config: {
    portal?: string;
    statement?: string;
    values?: readonly unknown[];
    valueMapper?: (value: unknown) => unknown;
  }): Buffer;
  describe(msg: { type: 'P' | 'S'; name?: string }): Buffer;
  execute(config?: { portal?: string; rows?: number }): Buffer;
  close(msg: { type: 'P' | 'S'; name?: string }): Buffer;
  sync(): Buffer;
}

/** pg's Result (pg/lib/result.js): one statement's rows, parsed with the client's type parsers. */
interface PgResult extends pg.QueryResult {
  _types: unknown;
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
  addRow(row: unknown): void;
  addCommandComplete(msg: unknown): void;
}

interface PgConnection {
  stream: { write(data: Buffer): boolean };
  sendCopyFail(message: string): void;
}

export interface PipelineStatement {
  text: string;
  values: readonly unknown[];
}

/** A statement text gets a name once it has been sent this many times (the hot ones do at once). */
const NAME_AFTER = 3;
/** Texts with a name, process-wide (so per connection too): PostgreSQL keeps each one's plans. */
const MAX_NAMES = 200;
const names = new Map<string, string>();
const seen = new Map<string, number>();

function nameOf(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMES) return '';
  const times = (seen.get(text) ?? 0) + 1;
  if (times < NAME_AFTER) {
    if (seen.size >= 5_000) seen.clear();
    seen.set(text, times);
    return '';
  }
  seen.delete(text);
  const name = `orderdesk_${names.size + 1}`;
  names.set(text, name);
  return name;
}

interface ConnectionStatements {
  prepared: Set<string>;
  /** Parsed by a pipeline whose statement then failed: may exist, close before parsing again. */
  unsure: Set<string>;
}
const byConnection = new WeakMap<object, ConnectionStatements>();

function statementsOf(connection: object): ConnectionStatements {
  let known = byConnection.get(connection);
  if (known === undefined) {
    known = { prepared: new Set(), unsure: new Set() };
    byConnection.set(connection, known);
  }
  return known;
}

/** Names prepared on the connection (for tests). */
export function preparedOn(client: pg.ClientBase): ReadonlySet<string> {
  const connection = (client as unknown as { connection: object }).connection;
  return byConnection.get(connection)?.prepared ?? new Set();
}

/**
 * A pg Submittable: `client.query(new PreparedPipeline(statements, callback))`. pg routes the
 * backend's messages to its handle* methods while it is the client's active query.
 */
export class PreparedPipeline {
  /** Client.query gives this the client's type parsers (`_types`), which every result takes. */
  readonly _result: PgResult;
  private readonly results: PgResult[] = [];
  private current: PgResult;
  /** Per statement, its name ('' unnamed) and whether this pipeline sent its Parse. */
  private readonly names: string[] = [];
  private readonly parsed: boolean[] = [];
  private statements: ConnectionStatements | null = null;
  private rowError: unknown = null;
  private settled = false;

  constructor(
    private readonly list: readonly PipelineStatement[],
    private readonly callback: (error: unknown, results?: pg.QueryResult[]) => void,
  ) {
    this._result = new Result(undefined, undefined);
    this.current = this._result;
  }

  submit(connection: PgConnection): Error | null {
    const statements = statementsOf(connection);
    this.statements = statements;
    const buffers: Buffer[] = [];
    const parsedHere = new Set<string>();
    try {
      for (const { text, values } of this.list) {
        const name = nameOf(text);
        let parsed = false;
        if (name === '') buffers.push(serialize.parse({ text }));
        else if (!statements.prepared.has(name) && !parsedHere.has(name)) {
          if (statements.unsure.has(name)) buffers.push(serialize.close({ type: 'S', name }));
          buffers.push(serialize.parse({ text, name }));
          parsedHere.add(name);
          parsed = true;
        }
        this.names.push(name);
        this.parsed.push(parsed);
        buffers.push(
          serialize.bind({ statement: name, values, valueMapper: prepareValue }),
          serialize.describe({ type: 'P' }),
          serialize.execute(),
        );
      }
      buffers.push(serialize.sync());
    } catch (error) {
      // a value pg cannot send: nothing was written, pg hands the error to handleError
      return error instanceof Error ? error : new Error(String(error));
    }
    connection.stream.write(buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers));
    return null;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    this.current.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    if (this.rowError !== null) return;
    try {
      this.current.addRow(this.current.parseRow(msg.fields));
    } catch (error) {
      this.rowError = error;
    }
  }

  handleCommandComplete(msg: unknown): void {
    this.current.addCommandComplete(msg);
    this.completed();
  }

  handleEmptyQuery(): void {
    this.completed();
  }

  handleError(error: unknown): void {
    const index = this.results.length;
    const name = this.names[index];
    if (name !== undefined && name !== '' && this.statements !== null) {
      // the statement that failed may have created its name before failing; or its plan no
      // longer fits its tables, which PostgreSQL would repeat at every later use
      if (this.parsed[index] === true || isStalePlan(error)) {
        this.statements.prepared.delete(name);
        this.statements.unsure.add(name);
      }
    }
    this.settle(this.rowError ?? error);
  }

  handleReadyForQuery(): void {
    if (this.rowError !== null) this.settle(this.rowError);
    else this.settle(null, this.results);
  }

  handlePortalSuspended(): void {
    // never asked for (Execute without a row limit)
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('COPY is not supported in a statement pipeline');
  }

  handleCopyData(): void {
    // a COPY TO's data: not collected
  }

  private completed(): void {
    const index = this.results.length;
    const name = this.names[index];
    if (this.parsed[index] === true && name !== undefined && this.statements !== null) {
      this.statements.prepared.add(name);
      this.statements.unsure.delete(name);
    }
    this.results.push(this.current);
    this.current = new Result(undefined, this._result._types);
  }

  private settle(error: unknown, results?: pg.QueryResult[]): void {
    if (this.settled) return;
    this.settled = true;
    this.callback(error, results);
  }
}

/** "cached plan must not change result type": a table the statement reads changed its columns. */
function isStalePlan(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '0A000' &&
    /cached plan/.test(String((error as { message?: unknown }).message))
  );
}

/** Runs the statements on a client in one round trip; one result per statement. */
export function runPipeline(
  client: pg.ClientBase,
  list: readonly PipelineStatement[],
): Promise<pg.QueryResult[]> {
  return new Promise((resolve, reject) => {
    const pipeline = new PreparedPipeline(list, (error, results) => {
      if (error !== null && error !== undefined) reject(error as Error);
      else resolve(results!);
    });
    client.query(pipeline as unknown as pg.Submittable);
  });
}
