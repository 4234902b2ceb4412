/**
 * Redis connections for BullMQ. Workers need `maxRetriesPerRequest: null`
 * (their blocking commands must wait through a reconnect); producers fail
 * fast instead, so an HTTP request never hangs on a dead Redis.
 */
import { Redis, type RedisOptions } from 'ioredis';

export function createRedisConnection(
  url: string,
  role: 'producer' | 'worker',
  options: RedisOptions = {},
): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableReadyCheck: true,
    lazyConnect: false,
    ...options,
  });
}
