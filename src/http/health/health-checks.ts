/**
 * Liveness of what the service depends on, for GET /health. Each check
 * answers within its timeout, so a hung dependency cannot hang monitoring.
 */
import { sql, type Kysely } from 'kysely';

/** `ok`, `down`, or `off` for a channel that is not configured. */
export type CheckStatus = 'ok' | 'down' | 'off';

export type HealthCheck = () => Promise<CheckStatus>;

/** postgres and redis decide the HTTP status; further entries (channels) only degrade it. */
export interface HealthChecks {
  postgres: HealthCheck;
  redis: HealthCheck;
  [name: string]: HealthCheck;
}

/** Default time a check may take before it counts as down, ms. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** Resolves to the check's answer, or `down` if it throws or takes longer than `timeoutMs`. */
export async function runCheck(
  check: HealthCheck,
  timeoutMs: number = HEALTH_CHECK_TIMEOUT_MS,
): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckStatus>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([check().catch((): CheckStatus => 'down'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function postgresCheck<T>(db: Kysely<T>): HealthCheck {
  return async () => {
    await sql`SELECT 1`.execute(db);
    return 'ok';
  };
}

/** The slice of an ioredis client a check needs. */
export interface PingableRedis {
  ping(): Promise<string>;
}

/**
 * Pings Redis. Give it a client of its own with a small
 * `maxRetriesPerRequest` (e.g. 1): a ping while disconnected then fails after
 * one reconnect attempt, and `runCheck`'s timeout bounds the rest.
 */
export function redisCheck(redis: PingableRedis): HealthCheck {
  return async () => ((await redis.ping()) === 'PONG' ? 'ok' : 'down');
}
