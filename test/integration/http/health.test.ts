/**
 * GET /health when a dependency is down: 503 with the same body shape,
 * `degraded`, and the failing check named. A second app points at a port
 * where nothing listens.
 */
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../../src/db/database.js';
import { postgresCheck, redisCheck } from '../../../src/http/health/health-checks.js';
import { useTestDatabase } from '../../support/database.js';
import { listenOnEphemeralPort, request, TEST_REDIS_URL } from '../../support/http-app.js';

const testDb = useTestDatabase();
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A loopback port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startApp(input: { redisUrl: string; databaseUrl?: string }) {
  const redis = new Redis(input.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
  redis.on('error', () => {});
  const db =
    input.databaseUrl === undefined
      ? testDb.db
      : createDatabase({ url: input.databaseUrl, max: 1 });
  const { server, url } = await listenOnEphemeralPort({
    db,
    config: { apiToken: 'unused' },
    logger: pino({ level: 'silent' }),
    ingest: () => Promise.reject(new Error('not used')),
    health: { postgres: postgresCheck(db), redis: redisCheck(redis) },
  });
  cleanups.push(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    redis.disconnect();
    if (db !== testDb.db) await db.destroy();
  });
  return url;
}

describe('GET /health', () => {
  it('answers 503 degraded with redis down when Redis is unreachable', async () => {
    const url = await startApp({ redisUrl: `redis://127.0.0.1:${await closedPort()}` });
    const started = Date.now();
    const res = await request(url, 'GET', '/health', { token: null });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', checks: { postgres: 'ok', redis: 'down' } });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('answers 503 degraded with postgres down when PostgreSQL is unreachable', async () => {
    const url = await startApp({
      redisUrl: TEST_REDIS_URL,
      databaseUrl: `postgres://root@127.0.0.1:${await closedPort()}/orderdesk`,
    });
    const res = await request(url, 'GET', '/health', { token: null });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', checks: { postgres: 'down', redis: 'ok' } });
  });
});
