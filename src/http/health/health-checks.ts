/**
 * Liveness of what the service depends on, for GET /health. Each check
 * answers within its timeout, so a hung dependency cannot hang monitoring.
 */
import { sql, type Kysely } from 'kysely';

/** `ok`, `down`, or `off` for a channel that is not configured. */
export type CheckStatus = 'ok' | 'down' | 'off';

/** A channel's fuller answer: `status` as above plus its own state, e.g. `{state: 'qr_needed', since}`. */
export interface ChannelCheck {
  status: CheckStatus;
  state: string;
  /** ISO-8601: when the channel entered `state`. */
  since: string | null;
  [detail: string]: string | null;
}

export type CheckResult = CheckStatus | ChannelCheck;

/** The status part of a check's answer. */
export function statusOf(result: CheckResult): CheckStatus {
  return typeof result === 'string' ? result : result.status;
}

export type HealthCheck = () => Promise<CheckResult>;

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
): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs);
  });
  try {
    return await Promise.race([check().catch((): CheckResult => 'down'), timeout]);
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
