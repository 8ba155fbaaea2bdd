/**
 * A Redis lock so that registries sharing a store publish one at a time, as a lease: SET NX PX with a
 * random owner token, for one publish's lease (leaseMs), renewed by its holder while the publish runs
 * (compare-and-PEXPIRE in Lua) and released only by its holder (compare-and-delete in Lua). A lock left
 * by a crashed holder, or one that survived a Redis restart (AOF keeps its expiry) while its holder's
 * release was lost, therefore expires within one lease of its last renewal; waiters wait a little longer
 * than one lease (waitMs) before answering 409. The store's WATCH on the histories still catches a holder
 * that outlived its lease. Cluster-safe: SET NX and both scripts touch one key only.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../../contracts/lib/redis-connection.ts';

/** leaseMs: how long a lock outlives its last renewal; renewed every leaseMs/3; waiters give up after waitMs. */
export const REDIS_LOCK_DEFAULTS = Object.freeze({ leaseMs: 5_000, waitMs: 7_500, retryMs: 50 });

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export class LockTimeoutError extends Error {}

export interface LockOptions { leaseMs: number; waitMs: number; retryMs: number }

export async function withRedisLock<T>(redis: RedisClient, key: string, fn: () => Promise<T>, options: LockOptions = REDIS_LOCK_DEFAULTS): Promise<T> {
  const token = randomBytes(16).toString('hex');
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const taken = await redis.set(key, token, 'PX', options.leaseMs, 'NX').catch(() => null);
    if (taken === 'OK') break;
    if (Date.now() > deadline) throw new LockTimeoutError('Another publish is in progress; try again.');
    await sleep(options.retryMs);
  }
  // Renewal failures (Redis away, or the lease lost) are not fatal here: recordPublish's WATCH refuses a
  // publish whose lease was taken over, so history never forks.
  const renewal = setInterval(() => { void redis.eval(RENEW, 1, key, token, String(options.leaseMs)).catch(() => {}); }, Math.max(1, Math.floor(options.leaseMs / 3)));
  renewal.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renewal);
    await redis.eval(RELEASE, 1, key, token).catch(() => {});
  }
}
