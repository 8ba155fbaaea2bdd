import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { createGatewayCache } from './create-cache.ts';
import { RedisKeyValueCache } from '../../contracts/lib/redis-cache.ts';

// Skipped only where no Redis answers and none is required (CI requires it: see test/support/redis.ts).
describe.skipIf(!redisUp)('Redis key-value cache (real Redis)', () => {
  const prefix = `passerelle-test:${randomUUID()}:`;
  const cache = new RedisKeyValueCache({ url: TEST_REDIS_URL, keyPrefix: prefix });
  const raw = new Redis(TEST_REDIS_URL);
  // Nothing queues while disconnected (by design), so wait for the connection before asserting hits.
  beforeAll(async () => { if (cache.client.status !== 'ready') await once(cache.client, 'ready'); });
  afterAll(async () => { await cache.close(); raw.disconnect(); });

  it('stores, reads and deletes under its key prefix', async () => {
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBe('v');
    expect(await raw.get(`${prefix}k`)).toBe('v');
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('expires entries after their ttl (seconds)', async () => {
    await cache.set('short', 'v', { ttl: 1 });
    const pttl = await cache.client.pttl('short');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1000);
  });
});

describe('Redis key-value cache when Redis is down', () => {
  it('fails open: misses, no throw, no queueing, and counts bypasses', async () => {
    const cache = new RedisKeyValueCache({ url: 'redis://127.0.0.1:1', keyPrefix: 'x:' });
    await cache.set('k', 'v');
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.delete('k')).toBe(false);
    expect(cache.bypasses).toBe(3);
    await cache.close();
  });
});

describe('gateway cache selection', () => {
  it('uses memory without a Redis URL', async () => {
    const cache = createGatewayCache({ keyPrefix: 'p:', responses: true, staleIfErrorSeconds: 0, memoryBytes: 1_000_000, maxEntryBytes: 100_000, invalidationWaitMs: 0 });
    expect(cache.kind).toBe('memory');
    await cache.cache.set('a', 'b');
    expect(await cache.cache.get('a')).toBe('b');
  });
});
