/**
 * The sign-in limiter's Redis store, shared by every API process.
 *
 * rate-limit-redis loads its Lua scripts once, in `init`; when Redis is down
 * at that moment (an API process restarting during a Redis outage) the
 * loads stay rejected promises, every later count fails, and with
 * `passOnStoreError` the limiter would let every attempt through for the
 * rest of the process's life. This store loads the scripts again after a
 * failure, so counting resumes as soon as Redis is back.
 */
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Redis } from 'ioredis';

export class LoginLimitStore extends RedisStore {
  constructor(redis: Pick<Redis, 'call'>, prefix: string) {
    super({
      prefix,
      sendCommand: (...args: string[]) =>
        redis.call(args[0]!, ...args.slice(1)) as Promise<RedisReply>,
    });
  }

  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (error) {
      this.reloadScripts();
      throw error;
    }
  }

  override async get(key: string) {
    try {
      return await super.get(key);
    } catch (error) {
      this.reloadScripts();
      throw error;
    }
  }

  private reloadScripts(): void {
    const increment = this.loadIncrementScript();
    const get = this.loadGetScript();
    // Still failing (Redis down): the next call tries again; nothing waits on these.
    increment.catch(() => undefined);
    get.catch(() => undefined);
    this.incrementScriptSha = increment;
    this.getScriptSha = get;
  }
}
