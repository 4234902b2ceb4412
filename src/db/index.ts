export {
  createDatabase,
  createPool,
  orderDeskTypes,
  type CreateDatabaseInput,
  type Database,
} from './database.js';
export {
  DatabaseSetupError,
  describeConnectionError,
  ensureDatabase,
  type DatabaseSetupProblem,
  type EnsureDatabaseResult,
} from './ensure-database.js';
export { toJson } from './json.js';
export {
  listMigrationNames,
  listPendingMigrations,
  migrateToLatest,
  MigrationError,
} from './migrate.js';
export {
  describeStartupError,
  openDatabase,
  type OpenDatabaseInput,
  type OpenDatabaseResult,
} from './open-database.js';
export * from './schema.js';
export {
  inTransaction,
  type Executor,
  type InTransactionOptions,
  type IsolationLevel,
} from './transaction.js';
