/**
 * A Redis lock so that registries sharing a store publish one at a time: SET NX PX with a random token,
 * released only by its holder (compare-and-delete in Lua). The lock expires on its own if its holder
 * dies; the store's WATCH on the histories catches a holder that outlived its lock.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

export const REDIS_LOCK_DEFAULTS = Object.freeze({ ttlMs: 30_000, waitMs: 15_000, retryMs: 50 });

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class LockTimeoutError extends Error {}

export interface LockOptions { ttlMs: number; waitMs: number; retryMs: number }

export async function withRedisLock<T>(redis: Redis, key: string, fn: () => Promise<T>, options: LockOptions = REDIS_LOCK_DEFAULTS): Promise<T> {
  const token = randomBytes(16).toString('hex');
  const deadline = Date.now() + options.waitMs;
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new LockTimeoutError('Another publish is in progress; try again.');
    await sleep(options.retryMs);
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => {});
  }
}
