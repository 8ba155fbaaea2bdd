import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { withRedisLock } from './redis-lock.ts';
import { RedisRegistryStore } from './redis-store.ts';
import { StoreConflictError } from './registry-store.ts';
import { publishSample, storeContract, subgraphEntry, supergraphEntry } from './store-contract.ts';

const prefixes: string[] = [];
const freshPrefix = () => {
  const prefix = `passerelle-test:registry:${randomBytes(6).toString('hex')}:`;
  prefixes.push(prefix);
  return prefix;
};

afterAll(async () => {
  if (!redisUp) return;
  const redis = new Redis(TEST_REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

describe.skipIf(!redisUp)('RedisRegistryStore', () => {
  storeContract(() => RedisRegistryStore.open(TEST_REDIS_URL, freshPrefix()));

  it('is shared: a second registry sees what the first published', async () => {
    const prefix = freshPrefix();
    const [a, b] = [await RedisRegistryStore.open(TEST_REDIS_URL, prefix), await RedisRegistryStore.open(TEST_REDIS_URL, prefix)];
    await publishSample(a);
    expect((await b.currentSubgraphs()).map((s) => `${s.subgraph}@${s.version}`)).toEqual(['catalog@2', 'party@1']);
    // b, behind on nothing, follows; a, now behind b, is refused instead of forking history.
    await b.recordPublish({ subgraph: subgraphEntry('party', 2), supergraph: supergraphEntry(3, { catalog: 2, party: 2 }) });
    await expect(a.recordPublish({ subgraph: subgraphEntry('catalog', 3), supergraph: supergraphEntry(3, { catalog: 3, party: 1 }) }))
      .rejects.toBeInstanceOf(StoreConflictError);
    expect((await a.currentSupergraph())?.subgraphs).toEqual({ catalog: 2, party: 2 });
    await Promise.all([a.close(), b.close()]);
  });

  it('writes a publish in one transaction: the subgraph list, its head and the supergraph together', async () => {
    const prefix = freshPrefix();
    const store = await RedisRegistryStore.open(TEST_REDIS_URL, prefix);
    await publishSample(store);
    const redis = new Redis(TEST_REDIS_URL);
    expect(await redis.hgetall(`${prefix}subgraphs`)).toEqual({ catalog: '2', party: '1' });
    expect(await redis.llen(`${prefix}subgraph:catalog`)).toBe(2);
    expect(await redis.llen(`${prefix}supergraphs`)).toBe(2);
    redis.disconnect();
    await store.close();
  });

  it('runs publishes of registries sharing the store one at a time (the lock)', async () => {
    const prefix = freshPrefix();
    const [a, b] = [await RedisRegistryStore.open(TEST_REDIS_URL, prefix), await RedisRegistryStore.open(TEST_REDIS_URL, prefix)];
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 100));
      events.push(`${name} out`);
    };
    await Promise.all([a.withPublishLock(task('a')), b.withPublishLock(task('b'))]);
    expect([['a in', 'a out', 'b in', 'b out'], ['b in', 'b out', 'a in', 'a out']]).toContainEqual(events);
    // Only the holder releases: a foreign token leaves the lock alone.
    const redis = new Redis(TEST_REDIS_URL);
    await redis.set(`${prefix}lock:publish`, 'someone-else', 'PX', 300);
    await expect(withRedisLock(redis, `${prefix}lock:publish`, async () => 'ran', { leaseMs: 1_000, waitMs: 100, retryMs: 20 })).rejects.toThrow(/in progress/);
    expect(await withRedisLock(redis, `${prefix}lock:publish`, async () => 'ran', { leaseMs: 1_000, waitMs: 1_000, retryMs: 20 })).toBe('ran');
    expect(await redis.get(`${prefix}lock:publish`)).toBeNull();
    redis.disconnect();
    await Promise.all([a.close(), b.close()]);
  });
});
