/**
 * Kysely handles whose statements go through a RoundTripCombiner: repositories and services take
 * them as any other `Executor` and do not know their round trips are shared.
 *
 * - `combinedTransaction`: a `Transaction<DB>` (isTransaction: services join it, as they join
 *   any outer transaction) over a connection in BEGIN that several messages share.
 * - `combinedAutocommit`: a `Kysely<DB>` for single statements outside transactions; starting a
 *   transaction on it is refused (it has no connection of its own to hold one on).
 */
import {
  Kysely,
  PostgresDialect,
  Transaction,
  type CompiledQuery,
  type ConnectionProvider,
  type DatabaseConnection,
  type KyselyProps,
  type QueryResult,
} from 'kysely';
import type { DB } from '../schema.js';
import type { RoundTripCombiner } from './round-trip-combiner.js';

class CombinedConnection implements DatabaseConnection {
  constructor(private readonly combiner: RoundTripCombiner) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.combiner.execute<R>(query);
  }

  // eslint-disable-next-line require-yield -- no streaming through a shared connection
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on a combined connection');
  }
}

function providerOf(combiner: RoundTripCombiner): ConnectionProvider {
  const connection = new CombinedConnection(combiner);
  return { provideConnection: (consumer) => consumer(connection) };
}

/** Never asked for a connection: transactions are begun and ended by whoever owns the combiner. */
const refusingDialect = new PostgresDialect({
  pool: () => Promise.reject(new Error('a combined executor has no pool of its own')),
});

function propsOver(db: Kysely<DB>, combiner: RoundTripCombiner): KyselyProps {
  return {
    config: { dialect: refusingDialect },
    dialect: refusingDialect,
    driver: {
      init: () => Promise.resolve(),
      acquireConnection: () => Promise.reject(new Error('a combined executor holds no connection')),
      beginTransaction: () =>
        Promise.reject(new Error('no transaction on a combined autocommit executor')),
      commitTransaction: () => Promise.reject(new Error('not in a transaction')),
      rollbackTransaction: () => Promise.reject(new Error('not in a transaction')),
      releaseConnection: () => Promise.resolve(),
      destroy: () => Promise.resolve(),
    },
    executor: db.getExecutor().withConnectionProvider(providerOf(combiner)),
  };
}

/** A transaction handle for one message of a batch; `db` lends its query compiler and plugins. */
export function combinedTransaction(db: Kysely<DB>, combiner: RoundTripCombiner): Transaction<DB> {
  return new Transaction<DB>(propsOver(db, combiner));
}

/** A database handle whose statements run outside transactions, sharing round trips. */
export function combinedAutocommit(db: Kysely<DB>, combiner: RoundTripCombiner): Kysely<DB> {
  return new Kysely<DB>(propsOver(db, combiner));
}
