/**
 * What the ops console needs beyond the API's deps, handed in by main.ts
 * (or a test) as `AppDeps.console`. Without it the console is not mounted.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/schema.js';
import type { JobQueue } from '../../queues/job-catalog.js';
import type { IngestFn } from '../app-deps.js';
import type { HealthChecks } from '../health/health-checks.js';

export interface ConsoleOptions {
  /** Where review and approval actions queue the replies they write. */
  jobs: Pick<JobQueue, 'enqueue'>;
  /** BullMQ queues shown on the admins' queue dashboard (none: no dashboard). */
  queues?: readonly Queue[];
  /**
   * The session cookie's Secure flag. `'auto'` (default): set when the
   * request came over https (`req.secure`; behind a TLS proxy set Express's
   * `trust proxy`). `false` only for plain-http localhost tests.
   */
  secureCookies?: boolean | 'auto';
  /** Signed out after this long without a request, ms. Default 30 min. */
  idleTimeoutMs?: number;
  /** Signed out this long after login whatever the activity, ms. Default 12 h. */
  absoluteTimeoutMs?: number;
  /** Login attempts per IP and email per window (failures only). Default 10 per 15 min. */
  loginLimit?: { max: number; windowMs: number };
  /**
   * Where the sign-in limiter counts attempts, so several API processes share the counts. Default
   * (no client): in the process, for one-process setups and tests.
   */
  rateLimitRedis?: Pick<Redis, 'call'>;
  /** Key prefix of those counts. Default `orderdesk:login-limit:`. */
  rateLimitPrefix?: string;
  /** How often pages poll for new work, ms. Default 3000. */
  pollMs?: number;
  /** Minutes after which a review item shows amber, then red. Default 15 and 60. */
  reviewSla?: { warn: number; late: number };
  /** The dealer portal's public address for sign-in links; default: the address the console was reached at. */
  publicUrl?: string;
}

export interface ConsoleDeps extends ConsoleOptions {
  db: Kysely<DB>;
  /** Stores a phone transcript and queues it, as POST /api/transcripts does. */
  ingest: IngestFn;
  logger: Logger;
  health: HealthChecks;
}
