/**
 * A real listening Order Desk app on an ephemeral port, over a test database
 * and real Redis with a queue prefix of its own (removed at the end), for
 * HTTP tests with plain fetch.
 *
 *     const testDb = useTestDatabase();
 *     const app = useTestApp(() => ({ db: testDb.db }));
 *     it('...', async () => { const res = await app.request('GET', '/health'); });
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '../../src/db/schema.js';
import type { AppDeps, IngestFn } from '../../src/http/app-deps.js';
import { createApp } from '../../src/http/create-app.js';
import {
  postgresCheck,
  redisCheck,
  type HealthChecks,
} from '../../src/http/health/health-checks.js';
import { createJobQueue, type ClosableJobQueue } from '../../src/queues/create-job-queue.js';
import { ingestMessage } from '../../src/services/ingest-message.js';

export { TEST_REDIS_URL } from './test-services.js';
import { TEST_REDIS_URL } from './test-services.js';
export const TEST_API_TOKEN = 'test-token-0123456789';

/** A fresh BullMQ key prefix (with a Redis Cluster hash tag). */
export function freshQueuePrefix(): string {
  return `{orderdesk-test-${randomBytes(5).toString('hex')}}`;
}

/** Deletes every key under a prefix. */
export async function deleteRedisPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export interface RequestOptions {
  /** Bearer token; default TEST_API_TOKEN; null: no Authorization header. */
  token?: string | null;
  /** Sent as JSON. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

export interface TestApp {
  readonly url: string;
  readonly prefix: string;
  readonly jobs: ClosableJobQueue;
  readonly redis: Redis;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface TestAppOptions {
  db: Kysely<DB>;
  apiToken?: string | null;
  ingest?: IngestFn;
  health?: Partial<HealthChecks>;
  bodyLimit?: string;
  webchatPollMs?: number;
  /** Where the app's own jobs go (replies it writes); default the app's fresh queue. */
  jobs?: Pick<ClosableJobQueue, 'enqueue'>;
}

export async function listenOnEphemeralPort(
  deps: AppDeps,
): Promise<{ server: Server; url: string }> {
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TEST_API_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body ?? null });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Starts the app before the file's tests and stops it (and cleans Redis) after. */
export function useTestApp(options: () => TestAppOptions): TestApp {
  let state:
    | { server: Server; url: string; prefix: string; jobs: ClosableJobQueue; redis: Redis }
    | undefined;
  beforeAll(async () => {
    const opts = options();
    const prefix = freshQueuePrefix();
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const jobs = createJobQueue({ redis: TEST_REDIS_URL, prefix });
    const ingest: IngestFn =
      opts.ingest ?? ((input) => ingestMessage({ db: opts.db, jobs }, input));
    const { server, url } = await listenOnEphemeralPort({
      db: opts.db,
      config: { apiToken: opts.apiToken === undefined ? TEST_API_TOKEN : opts.apiToken },
      logger: pino({ level: 'silent' }),
      ingest,
      health: {
        postgres: postgresCheck(opts.db),
        redis: redisCheck(redis),
        ...opts.health,
      } as HealthChecks,
      ...(opts.bodyLimit === undefined ? {} : { bodyLimit: opts.bodyLimit }),
      ...(opts.webchatPollMs === undefined ? {} : { webchatPollMs: opts.webchatPollMs }),
      jobs: opts.jobs ?? jobs,
    });
    state = { server, url, prefix, jobs, redis };
  });
  afterAll(async () => {
    if (state === undefined) return;
    const { server, jobs, redis, prefix } = state;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await jobs.close();
    await deleteRedisPrefix(redis, prefix);
    await redis.quit();
  });
  const get = () => {
    if (state === undefined) throw new Error('useTestApp(): use it inside a test or hook');
    return state;
  };
  return {
    get url() {
      return get().url;
    },
    get prefix() {
      return get().prefix;
    },
    get jobs() {
      return get().jobs;
    },
    get redis() {
      return get().redis;
    },
    request: (method, path, opts) => request(get().url, method, path, opts),
  };
}
