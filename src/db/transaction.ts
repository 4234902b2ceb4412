import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** What a repository function takes first: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface InTransactionOptions {
  /** Default: the server's (read committed). Ignored when joining an outer transaction. */
  isolationLevel?: IsolationLevel;
}

/**
 * Runs `fn` in a transaction: commits when it resolves, rolls back when it
 * throws. Given a transaction already, `fn` joins it, so a service can call
 * another service inside its own transaction.
 */
export async function inTransaction<T>(
  db: Executor,
  fn: (trx: Transaction<DB>) => Promise<T>,
  options: InTransactionOptions = {},
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  let builder = db.transaction();
  if (options.isolationLevel !== undefined)
    builder = builder.setIsolationLevel(options.isolationLevel);
  return builder.execute(fn);
}
