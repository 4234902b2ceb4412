/**
 * Makes sure the database named in a connection URL exists before anything
 * migrates it: creates it when the role may, else fails with a message that
 * says what to do. Every failure is a DatabaseSetupError whose message is
 * meant for an operator (host, port, database, role; never the password).
 */
import pg from 'pg';

export type DatabaseSetupProblem =
  'unreachable' | 'authentication' | 'missing_database' | 'not_permitted' | 'invalid_url' | 'other';

export class DatabaseSetupError extends Error {
  override readonly name = 'DatabaseSetupError';
  readonly problem: DatabaseSetupProblem;

  constructor(problem: DatabaseSetupProblem, message: string, cause?: unknown) {
    super(message, { cause });
    this.problem = problem;
  }
}

export interface EnsureDatabaseResult {
  database: string;
  /** true when this call created it. */
  created: boolean;
}

interface Target {
  database: string;
  user: string;
  where: string;
}

function describeTarget(url: string): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseSetupError(
      'invalid_url',
      'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)',
    );
  }
  const user = decodeURIComponent(parsed.username) || 'the default role';
  const database =
    decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username);
  const where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  return { database, user, where };
}

function pgCode(error: unknown): string | undefined {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    const { code } = error as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return errorMessage(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns an error from connecting to PostgreSQL into a DatabaseSetupError with
 * an operator-facing message; other errors pass through unchanged.
 */
export function describeConnectionError(url: string, error: unknown): unknown {
  if (error instanceof DatabaseSetupError) return error;
  const { database, user, where } = describeTarget(url);
  const code =
    pgCode(error) ?? pgCode(error instanceof AggregateError ? error.errors[0] : undefined);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseSetupError(
        'unreachable',
        `Cannot reach PostgreSQL at ${where} (${code}). Is it running, and is DATABASE_URL right?`,
        error,
      );
    case '28P01':
    case '28000':
      return new DatabaseSetupError(
        'authentication',
        `PostgreSQL at ${where} refused the login of role "${user}": ${errorMessage(error)}. Check the user and password in DATABASE_URL.`,
        error,
      );
    case '3D000':
      return new DatabaseSetupError(
        'missing_database',
        `Database "${database}" does not exist on ${where}.`,
        error,
      );
    case undefined:
    default:
      return error;
  }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection dropped by the server after connect emits 'error'; the query
  // in flight rejects with it, so the event itself needs no handling.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Connects to the database in `url`; if it does not exist, connects to the
 * `postgres` (or `template1`) maintenance database as the same role and
 * creates it when the role may. Safe to call concurrently.
 */
export async function ensureDatabase(url: string): Promise<EnsureDatabaseResult> {
  const target = describeTarget(url);
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return { database: target.database, created: false };
  } catch (error) {
    if (pgCode(error) !== '3D000') throw describeConnectionError(url, error);
  }

  let lastError: unknown;
  for (const maintenance of ['postgres', 'template1']) {
    try {
      return await withClient(withDatabase(url, maintenance), async (client) => {
        const { rows } = await client.query<{ may_create: boolean }>(
          'SELECT rolcreatedb OR rolsuper AS may_create FROM pg_roles WHERE rolname = current_user',
        );
        if (rows[0]?.may_create !== true) {
          throw new DatabaseSetupError(
            'not_permitted',
            `Database "${target.database}" does not exist on ${target.where}, and role "${target.user}" may not create databases. ` +
              `Create it (e.g. \`createdb -h ${target.where.split(':')[0]} -p ${target.where.split(':')[1]} ${target.database}\` as a role that may) ` +
              'or point DATABASE_URL at an existing database.',
          );
        }
        try {
          await client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
          return { database: target.database, created: true };
        } catch (error) {
          // Another process created it since we looked: 42P04, or 23505 on
          // pg_database's name index when both CREATEs ran at the same moment.
          const code = pgCode(error);
          if (code === '42P04' || code === '23505') {
            return { database: target.database, created: false };
          }
          throw new DatabaseSetupError(
            'other',
            `Could not create database "${target.database}" on ${target.where}: ${errorMessage(error)}`,
            error,
          );
        }
      });
    } catch (error) {
      if (error instanceof DatabaseSetupError) throw error;
      lastError = error;
      if (pgCode(error) !== '3D000') break;
    }
  }
  const described = describeConnectionError(url, lastError);
  if (described instanceof DatabaseSetupError) throw described;
  throw new DatabaseSetupError(
    'missing_database',
    `Database "${target.database}" does not exist on ${target.where}, and connecting to a maintenance database to create it failed: ${errorMessage(lastError)}`,
    lastError,
  );
}
