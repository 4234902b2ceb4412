/**
 * The sign-in limiter's Redis store against a Redis of the test's own that is
 * down when the API process starts: counting must resume once Redis is back
 * (the library alone would keep failing, and the limiter let every attempt
 * through, for the rest of the process's life).
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginLimitStore } from '../../../src/http/console/login-limit-store.js';
import { startOwnRedis, type OwnRedis } from '../../support/own-redis.js';

let redis: OwnRedis | undefined;
let client: Redis | undefined;
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

describe('LoginLimitStore', () => {
  it('counts again after a Redis that was down at start-up comes back', async () => {
    redis = await startOwnRedis({ running: false });
    client = new Redis(redis.url, {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 100,
    });
    client.on('error', () => {});
    const store = new LoginLimitStore(client, 'test-login-limit:');
    await expect(store.init({ windowMs: 60_000 } as never)).rejects.toThrow();
    await expect(store.increment('ip-1')).rejects.toThrow();

    await redis.start();
    await expect
      .poll(
        () =>
          store.increment('ip-1').then(
            (r) => r.totalHits,
            () => 0,
          ),
        {
          timeout: 10_000,
          interval: 100,
        },
      )
      .toBeGreaterThan(0);
    const before = (await store.get('ip-1'))?.totalHits ?? 0;
    expect((await store.increment('ip-1')).totalHits).toBe(before + 1);
    expect((await store.get('ip-1'))?.totalHits).toBe(before + 1);
  }, 30_000);
});
