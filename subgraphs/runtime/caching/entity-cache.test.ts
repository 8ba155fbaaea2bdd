import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../../test/support/redis.ts';
import { MemoryCacheStore, RedisCacheStore, type CacheStore } from './cache-store.ts';
import { EntityCache, type BatchLoader } from './entity-cache.ts';

/** A legacy system stand-in: values by key, a call log, a short latency, and a switch to fail. */
function legacy(values: Record<string, string>) {
  const calls: { keys: string[]; stale: string[] }[] = [];
  let failing = false;
  const load: BatchLoader<string> = async (keys, stale) => {
    calls.push({ keys: [...keys], stale: [...stale.keys()] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (failing) throw new Error('legacy down');
    return new Map(keys.flatMap((key) => (values[key] !== undefined ? [[key, values[key]] as const] : [])));
  };
  return { calls, load, values, fail: (on: boolean) => { failing = on; } };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (seconds: number) => { t += seconds * 1000; } };
}

const POLICY = { ttlSeconds: 10, staleSeconds: 20 };

function cacheOver(store: CacheStore, time = clock(), name = 'test:thing') {
  return { time, cache: new EntityCache<string>({ store, name, version: 1, policy: POLICY, now: time.now, accept: (v): v is string => typeof v === 'string' }) };
}

describe('entity cache (in memory): ttl, stale-while-revalidate, no stampede', () => {
  it('serves fresh entries without loading, and loads only the missing keys of a batch, in one call', async () => {
    const system = legacy({ a: 'A', b: 'B', c: 'C' });
    const { cache } = cacheOver(new MemoryCacheStore());
    expect(await cache.getMany(['a', 'b'], system.load)).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    expect(await cache.getMany(['a', 'b', 'c', 'zz', 'a'], system.load)).toEqual(new Map([['a', 'A'], ['b', 'B'], ['c', 'C']]));
    expect(system.calls).toEqual([{ keys: ['a', 'b'], stale: [] }, { keys: ['c', 'zz'], stale: [] }]);
    expect(cache.stats).toMatchObject({ fresh: 2, missed: 4, loads: 2, refreshes: 0 });
  });

  it('serves a stale entry at once and refreshes it once in the background, handing the loader the stale value', async () => {
    const system = legacy({ a: 'A1' });
    const { cache, time } = cacheOver(new MemoryCacheStore());
    await cache.get('a', async () => system.values['a']);
    system.values['a'] = 'A2';
    time.advance(POLICY.ttlSeconds + 1);
    expect(await cache.getMany(['a'], system.load)).toEqual(new Map([['a', 'A1']]));
    await cache.settle();
    expect(system.calls).toEqual([{ keys: ['a'], stale: ['a'] }]);
    expect(await cache.getMany(['a'], system.load)).toEqual(new Map([['a', 'A2']]));
    expect(system.calls).toHaveLength(1);
    expect(cache.stats).toMatchObject({ stale: 1, refreshes: 1, fresh: 1 });
  });

  it('refreshes a stale key once for 20 concurrent readers', async () => {
    const system = legacy({ a: 'A1', b: 'B1' });
    const { cache, time } = cacheOver(new MemoryCacheStore());
    await cache.getMany(['a', 'b'], system.load);
    time.advance(POLICY.ttlSeconds + 1);
    const reads = await Promise.all(Array.from({ length: 20 }, () => cache.getMany(['a', 'b'], system.load)));
    expect(reads.every((read) => read.get('a') === 'A1' && read.get('b') === 'B1')).toBe(true);
    await cache.settle();
    expect(system.calls.slice(1)).toEqual([{ keys: ['a', 'b'], stale: ['a', 'b'] }]);
    expect(cache.stats.refreshes).toBe(1);
  });

  it('shares one load among concurrent misses of the same key', async () => {
    const system = legacy({ a: 'A' });
    const { cache } = cacheOver(new MemoryCacheStore());
    const reads = await Promise.all([cache.getMany(['a'], system.load), cache.getMany(['a'], system.load), cache.get('a', async () => 'never')]);
    expect(reads.map((r) => (r instanceof Map ? r.get('a') : r))).toEqual(['A', 'A', 'A']);
    expect(system.calls).toHaveLength(1);
  });

  it('keeps serving the stale value while refreshes fail (stale-if-error), and fails once the window is over', async () => {
    const system = legacy({ a: 'A1' });
    const { cache, time } = cacheOver(new MemoryCacheStore());
    await cache.getMany(['a'], system.load);
    system.fail(true);
    time.advance(POLICY.ttlSeconds + 1);
    expect((await cache.getMany(['a'], system.load)).get('a')).toBe('A1');
    await cache.settle();
    expect((await cache.getMany(['a'], system.load)).get('a')).toBe('A1');
    await cache.settle();
    expect(cache.stats.refreshFailures).toBe(2);
    time.advance(POLICY.staleSeconds);
    await expect(cache.getMany(['a'], system.load)).rejects.toThrow('legacy down');
    system.fail(false);
    expect((await cache.getMany(['a'], system.load)).get('a')).toBe('A1');
  });

  it('drops an entry the system no longer knows when refreshing it', async () => {
    const system = legacy({ a: 'A' });
    const { cache, time } = cacheOver(new MemoryCacheStore());
    await cache.getMany(['a'], system.load);
    delete system.values['a'];
    time.advance(POLICY.ttlSeconds + 1);
    expect((await cache.getMany(['a'], system.load)).get('a')).toBe('A');
    await cache.settle();
    expect((await cache.getMany(['a'], system.load)).has('a')).toBe(false);
  });

  it('never reads entries of another version or shape, and caches nothing with a zero policy', async () => {
    const store = new MemoryCacheStore();
    const system = legacy({ a: 'A' });
    await store.setMany([{ key: 'test:thing:v1:a', value: JSON.stringify({ v: 42, fresh: 9e15, stale: 9e15 }), ttlMs: 60_000 }]);
    const v2 = new EntityCache<string>({ store, name: 'test:thing', version: 2, policy: POLICY });
    const v1 = cacheOver(store).cache;
    expect((await v2.getMany(['a'], system.load)).get('a')).toBe('A');
    expect((await v1.getMany(['a'], system.load)).get('a')).toBe('A');
    expect(system.calls).toHaveLength(2);
    const off = new EntityCache<string>({ store, name: 'test:off', version: 1, policy: { ttlSeconds: 0, staleSeconds: 0 } });
    await off.getMany(['a'], system.load);
    await off.getMany(['a'], system.load);
    expect(system.calls).toHaveLength(4);
  });
});

describe('entity cache when Redis is down', () => {
  it('loads from the legacy system on every read, without an error, and counts bypasses', async () => {
    const store = new RedisCacheStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'x:' });
    const system = legacy({ a: 'A', b: 'B' });
    const { cache } = cacheOver(store);
    expect(await cache.getMany(['a', 'b'], system.load)).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    expect(await cache.getMany(['a', 'b'], system.load)).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    expect(system.calls).toHaveLength(2);
    expect(store.bypasses()).toBe(4);
    expect(await store.ready(50)).toBe(false);
    await store.close();
  });
});

// Skipped only where no Redis answers and none is required (CI requires it: see test/support/redis.ts).
describe.skipIf(!redisUp)('entity cache over Redis (real Redis)', () => {
  const prefix = `passerelle-test:${randomUUID()}:`;
  const stores = [new RedisCacheStore({ url: TEST_REDIS_URL, keyPrefix: prefix }), new RedisCacheStore({ url: TEST_REDIS_URL, keyPrefix: prefix })];
  const raw = new Redis(TEST_REDIS_URL);
  beforeAll(async () => { for (const store of stores) expect(await store.ready()).toBe(true); });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    raw.disconnect();
  });

  it('shares entries between two instances: the second one never loads', async () => {
    const system = legacy({ a: 'A', b: 'B' });
    const time = clock(Date.now());
    const [one, two] = stores.map((store) => cacheOver(store, time).cache);
    await one!.getMany(['a', 'b'], system.load);
    expect(await two!.getMany(['a', 'b'], system.load)).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    expect(system.calls).toHaveLength(1);
    expect(stores[1]!.bypasses()).toBe(0);
  });

  it('writes JSON under prefix, name and version, expiring after ttl + stale', async () => {
    const system = legacy({ k: 'K' });
    await cacheOver(stores[0]!, clock(Date.now())).cache.getMany(['k'], system.load);
    const key = `${prefix}test:thing:v1:k`;
    expect(JSON.parse((await raw.get(key))!)).toMatchObject({ v: 'K' });
    const pttl = await raw.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual((POLICY.ttlSeconds + POLICY.staleSeconds) * 1000);
  });

  it('serves stale and refreshes once across concurrent readers, the refreshed value reaching the other instance', async () => {
    const system = legacy({ s: 'S1' });
    const time = clock(Date.now());
    const [one, two] = stores.map((store) => cacheOver(store, time).cache);
    await one!.getMany(['s'], system.load);
    system.values['s'] = 'S2';
    time.advance(POLICY.ttlSeconds + 1);
    const reads = await Promise.all(Array.from({ length: 10 }, () => one!.getMany(['s'], system.load)));
    expect(reads.map((r) => r.get('s'))).toEqual(Array(10).fill('S1'));
    await one!.settle();
    expect(system.calls).toHaveLength(2);
    expect((await two!.getMany(['s'], system.load)).get('s')).toBe('S2');
    expect(system.calls).toHaveLength(2);
  });
});
