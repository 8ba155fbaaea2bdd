/**
 * The Redis the gateway caches in must bound itself: every key the gateway writes there expires (entries,
 * tag sets, invalidation marks, APQ documents), so `maxmemory` with `volatile-lru` keeps it within budget
 * without ever evicting a key that has no expiry (such as a schema registry's store sharing that Redis).
 * Checked once at startup; a Redis without a bound only gets a warning, as the gateway cannot fix it.
 */
import type { RedisClient } from '../../contracts/lib/redis-connection.ts';
import { createLogger } from '../../contracts/lib/logger.ts';

export const RECOMMENDED_EVICTION_POLICIES = Object.freeze(['volatile-lru', 'volatile-lfu', 'volatile-ttl']);

export function redisMemoryWarning(maxmemory: string | undefined, policy: string | undefined): string | null {
  if (maxmemory === undefined || policy === undefined) return null;
  if (Number(maxmemory) === 0) return 'Redis has no maxmemory: the response cache and APQ store are bounded only by their TTLs. Set maxmemory with maxmemory-policy volatile-lru (docs/caching.md, "Bounded stores").';
  if (!RECOMMENDED_EVICTION_POLICIES.includes(policy)) return `Redis maxmemory-policy is ${policy}: use volatile-lru, so that a full cache evicts expiring cache keys instead of refusing writes or evicting keys without expiry.`;
  return null;
}

export async function warnAboutRedisMemory(redis: RedisClient, warn: (message: string) => void = (m) => createLogger('gateway').warn(m)): Promise<void> {
  try {
    if (redis.status !== 'ready') await new Promise((resolve, reject) => { redis.once('ready', resolve); redis.once('end', reject); setTimeout(reject, 2_000).unref(); });
    const [, maxmemory] = (await redis.config('GET', 'maxmemory')) as string[];
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const warning = redisMemoryWarning(maxmemory, policy);
    if (warning && process.env['NODE_ENV'] !== 'test') warn(warning);
  } catch {
    // CONFIG may be forbidden (managed Redis, ACLs) or Redis down: nothing to say then.
  }
}
