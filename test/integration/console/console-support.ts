/**
 * Console test support: the real app with the console mounted over a test
 * database and real Redis (fresh queue prefix), optionally the pipeline
 * workers, users made through the service, and a tiny browser-like client
 * (cookie jar, CSRF token read from the page) for plain fetch tests.
 */
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { DB, UserRole } from '../../../src/db/schema.js';
import type { ConsoleOptions } from '../../../src/http/console/console-deps.js';
import { postgresCheck, redisCheck } from '../../../src/http/health/health-checks.js';
import { createJobQueue, type ClosableJobQueue } from '../../../src/queues/create-job-queue.js';
import { ingestMessage } from '../../../src/services/ingest-message.js';
import { createUser } from '../../../src/services/users.js';
import { startWorkers } from '../../../workers/index.js';
import {
  TEST_API_TOKEN,
  TEST_REDIS_URL,
  deleteRedisPrefix,
  freshQueuePrefix,
  listenOnEphemeralPort,
} from '../../support/http-app.js';
import type { FileReaders } from '../../../src/services/files/read-inbound-files.js';

export const PASSWORD = 'correct horse battery staple';

export interface ConsoleTestApp {
  readonly url: string;
  readonly jobs: ClosableJobQueue;
  readonly prefix: string;
}

export function useConsoleApp(
  options: () => {
    db: Kysely<DB>;
    workers?: boolean;
    console?: Partial<ConsoleOptions>;
    webchatPollMs?: number;
    /** Express `trust proxy`, as `TRUST_PROXY` sets it. */
    trustProxy?: boolean | number | string[];
    /** How the workers read messages' files (none: files are not read). */
    files?: FileReaders;
  },
): ConsoleTestApp {
  let state:
    | {
        server: Server;
        url: string;
        jobs: ClosableJobQueue;
        prefix: string;
        redis: Redis;
        workers: { close(): Promise<void> } | null;
      }
    | undefined;
  beforeAll(async () => {
    const opts = options();
    const prefix = freshQueuePrefix();
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    const jobs = createJobQueue({ redis: TEST_REDIS_URL, prefix });
    const logger = pino({ level: 'silent' });
    const { server, url } = await listenOnEphemeralPort({
      db: opts.db,
      config: { apiToken: TEST_API_TOKEN, trustProxy: opts.trustProxy ?? false },
      logger,
      ingest: (input) => ingestMessage({ db: opts.db, jobs }, input),
      health: { postgres: postgresCheck(opts.db), redis: redisCheck(redis) },
      ...(opts.webchatPollMs === undefined ? {} : { webchatPollMs: opts.webchatPollMs }),
      console: {
        jobs,
        queues: Object.values(jobs.queues),
        secureCookies: false,
        pollMs: 500,
        ...opts.console,
      },
    } as Parameters<typeof listenOnEphemeralPort>[0]);
    const workers = opts.workers
      ? startWorkers({
          db: opts.db,
          redisUrl: TEST_REDIS_URL,
          prefix,
          jobs,
          log: logger,
          sweepIntervalMs: 0,
          ...(opts.files === undefined ? {} : { files: opts.files }),
        })
      : null;
    state = { server, url, jobs, prefix, redis, workers };
  });
  afterAll(async () => {
    if (!state) return;
    await new Promise<void>((resolve) => {
      state!.server.close(() => resolve());
      state!.server.closeAllConnections();
    });
    await state.workers?.close();
    await state.jobs.close();
    await deleteRedisPrefix(state.redis, state.prefix);
    await state.redis.quit();
  });
  const get = () => {
    if (!state) throw new Error('useConsoleApp(): use it inside a test');
    return state;
  };
  return {
    get url() {
      return get().url;
    },
    get jobs() {
      return get().jobs;
    },
    get prefix() {
      return get().prefix;
    },
  };
}

let n = 0;
export async function makeUser(db: Kysely<DB>, role: UserRole, email?: string) {
  n += 1;
  return createUser(db, {
    email: email ?? `${role}-${n}-${Date.now()}@example.test`,
    role,
    password: PASSWORD,
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A cookie-keeping client that behaves like a same-origin browser. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  private absorb(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: string,
    path: string,
    init: {
      form?: Record<string, string | string[]>;
      headers?: Record<string, string>;
      json?: unknown;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), ...init.headers };
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body ?? null,
      redirect: 'manual',
    });
    this.absorb(res);
    const text = await res.text();
    const csrf = /data-csrf="([^"]+)"/.exec(text);
    if (csrf) this.csrf = csrf[1]!;
    return {
      status: res.status,
      headers: res.headers,
      text,
      location: res.headers.get('location'),
    };
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  /** A same-origin form post carrying the session's CSRF token. */
  post(
    path: string,
    form: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    return this.request('POST', path, {
      form: { _csrf: this.csrf, ...form },
      headers: { origin: this.base, ...headers },
    });
  }

  async login(email: string, password = PASSWORD): Promise<Reply> {
    const page = await this.get('/console/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const res = await this.request('POST', '/console/login', {
      form: { _csrf: token, email, password, next: '/console/review' },
      headers: { origin: this.base },
    });
    if (res.status === 303) await this.get('/console/review');
    return res;
  }
}
