/**
 * The one way to open the database: a Kysely<DB> over a pg Pool whose type
 * parsers are set on that pool only (no global pg.types mutation):
 *
 * - int8 (`bigint`, `count(*)`) comes back as a JS `bigint`, never a lossy number;
 * - `date` comes back as the `YYYY-MM-DD` string, not a local-midnight Date;
 * - `numeric` stays a string (pg's default), so `sum(bigint)` is a string too.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

const { Pool, types: pgTypes } = pg;

const INT8_OID = 20;
const INT8_ARRAY_OID = 1016;
const DATE_OID = 1082;

function parseInt8Array(value: string): (bigint | null)[] {
  const inner = value.slice(1, -1);
  if (inner === '') return [];
  return inner.split(',').map((item) => (item === 'NULL' ? null : BigInt(item)));
}

/** Type parsers for one pool; pass as the `types` option of a pg Pool or Client. */
export const orderDeskTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === undefined || format === 'text') {
      if (oid === INT8_OID) return (value: string) => BigInt(value);
      if (oid === INT8_ARRAY_OID) return parseInt8Array;
      if (oid === DATE_OID) return (value: string) => value;
    }
    return pgTypes.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface CreateDatabaseInput {
  /** A postgres:// connection string. */
  url: string;
  /** Pool size. Default 10. */
  max?: number;
  /** Sent as application_name, visible in pg_stat_activity. Default `orderdesk`. */
  applicationName?: string;
  /**
   * Called when a pooled connection fails, idle or in use (e.g. PG restarted). The pool drops
   * it and the next query reconnects. Default: ignore.
   */
  onIdleError?: (error: Error) => void;
}

export type Database = Kysely<DB>;

/** Creates a Kysely<DB> over a new pg Pool. Call `db.destroy()` to close it. */
export function createDatabase(input: CreateDatabaseInput): Database {
  const pool = createPool(input);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Database, pg.Pool>();

/**
 * The pool under a database made by createDatabase (undefined for any other): the batched
 * paths (src/db/pipeline/) hold one of its connections to share among several messages.
 */
export function poolOf(db: Database): pg.Pool | undefined {
  return pools.get(db);
}

/** A bare pg Pool with Order Desk's type parsers, for the rare raw use. */
export function createPool(input: CreateDatabaseInput): pg.Pool {
  const pool = new Pool({
    connectionString: input.url,
    max: input.max ?? 10,
    application_name: input.applicationName ?? 'orderdesk',
    types: orderDeskTypes,
  });
  // An idle client losing its connection emits 'error' on the pool; without a
  // listener that would crash the process.
  pool.on('error', (error) => input.onIdleError?.(error));
  // So does a client in use when PostgreSQL restarts (57P01, ECONNRESET): its query fails and
  // the job is retried, but the client's own 'error' event needs a listener too, or the whole
  // process dies. The pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => input.onIdleError?.(error));
  });
  return pool;
}
