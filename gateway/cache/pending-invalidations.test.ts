// Invalidations that could not reach Redis are neither dropped nor forgotten: real Redis, frozen with
// SIGSTOP (connections open, commands unanswered, as in a stall) and thawed.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownRedis, redisServerInstalled, type RedisProcess } from '../../test/support/redis-process.ts';
import { RedisKeyValueCache } from '../../contracts/lib/redis-cache.ts';
import { RedisResponseStore } from './redis-response-store.ts';
import type { CachedResponse } from './response-store.ts';

const entry = (body: string, tags: string[]): CachedResponse => ({ body, etag: `"${body}"`, storedAt: Date.now(), maxAgeSeconds: 60, scope: 'PRIVATE', tags });

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!redisServerInstalled)('pending invalidations (own Redis, paused and resumed)', () => {
  let redis: RedisProcess;
  let cache: RedisKeyValueCache;
  let store: RedisResponseStore;
  let raw: Redis;
  beforeAll(async () => {
    redis = await ownRedis();
    cache = new RedisKeyValueCache({ url: redis.url, keyPrefix: 'p:' });
    if (cache.client.status !== 'ready') await once(cache.client, 'ready');
    store = new RedisResponseStore(cache.client, { maxEntryBytes: 100_000, invalidationWaitMs: 300 });
    raw = new Redis(redis.url);
  });
  afterAll(async () => { redis.resume(); await store.close(); await cache.close(); raw.disconnect(); await redis.stop(); });

  it('delivers an invalidation sent during a short stall before the mutation answers', async () => {
    await store.set('home', entry('old', ['Customer:1']), 60, Date.now());
    redis.pause();
    setTimeout(() => redis.resume(), 150);
    // The first attempt times out but still runs when Redis thaws (so the retry may find nothing left).
    expect((await store.invalidate(['Customer:1'])).delivered).toBe(true);
    expect(await raw.exists('p:{rc}:e:home')).toBe(0);
    expect(store.pendingInvalidations).toBe(0);
  });

  it('keeps a longer stall\'s invalidation pending, refuses its entities meanwhile, and delivers it after', async () => {
    await store.set('cart', entry('old cart', ['ShoppingCart:5']), 60, Date.now());
    await store.set('other', entry('other', ['Customer:9']), 60, Date.now());
    redis.pause();
    expect(await store.invalidate(['ShoppingCart:5'])).toEqual({ removed: 0, delivered: false });
    expect(store.pendingInvalidations).toBe(1);
    // A read computed now cannot be stored for a pending entity, whatever Redis would say.
    expect(await store.set('cart-again', entry('fresh?', ['ShoppingCart:5']), 60, Date.now() + 60_000)).toBe(false);
    redis.resume();
    // Before delivery, the old entry is never served even though Redis still holds it.
    expect(await store.get('cart')).toBeUndefined();
    await until(() => store.pendingInvalidations === 0);
    expect(await raw.exists('p:{rc}:e:cart')).toBe(0);
    expect((await store.get('other'))?.body).toBe('other');
    expect(await store.invalidatedSince(['ShoppingCart:5'], Date.now() - 5_000)).toBe(true);
  });
});
