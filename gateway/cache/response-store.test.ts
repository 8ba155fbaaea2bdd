// One contract for both response stores (memory and real Redis): expiry, invalidation by entity,
// read-your-writes, atomic check-and-write under concurrent invalidations, and the per-entry size limit.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { MemoryResponseStore } from './memory-response-store.ts';
import { RedisResponseStore } from './redis-response-store.ts';
import type { CachedResponse, ResponseStore } from './response-store.ts';

/** Comfortably past any clock uncertainty between this process and Redis on one machine. */
const LATER_MS = 200;

const entry = (body: string, tags: string[] = []): CachedResponse => ({ body, etag: `"${body}"`, storedAt: Date.now(), maxAgeSeconds: 60, scope: 'PUBLIC', tags });
const limits = { memoryBytes: 1_000_000, maxEntryBytes: 10_000, invalidationWaitMs: 200 };

function behavesAsAResponseStore(name: string, make: () => ResponseStore, skip = false) {
  describe.skipIf(skip)(name, () => {
    it('stores and reads entries, and forgets them after their time', async () => {
      const store = make();
      expect(await store.set('a', entry('A', ['Customer:1']), 60, Date.now())).toBe(true);
      expect((await store.get('a'))?.body).toBe('A');
      await store.set('b', entry('B'), 0.05, Date.now());
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.get('b')).toBeUndefined();
    });

    it('invalidates every entry holding an entity, and only those', async () => {
      const store = make();
      const since = Date.now();
      await store.set('home', entry('H', ['Customer:1', 'ProductOrder:9']), 60, since);
      await store.set('other', entry('O', ['Customer:2']), 60, since);
      expect(await store.invalidate(['ProductOrder:9'])).toEqual({ removed: 1, delivered: true });
      expect(await store.get('home')).toBeUndefined();
      expect((await store.get('other'))?.body).toBe('O');
    });

    it('never stores a response computed before an invalidation of one of its entities (read-your-writes)', async () => {
      const store = make();
      const readStarted = Date.now() - 5;
      await store.invalidate(['Customer:1']);
      expect(await store.set('stale-read', entry('old', ['Customer:1']), 60, readStarted)).toBe(false);
      expect(await store.get('stale-read')).toBeUndefined();
      // A read that started after the invalidation is stored.
      await new Promise((r) => setTimeout(r, LATER_MS));
      expect(await store.set('later', entry('new', ['Customer:1']), 60, Date.now())).toBe(true);
    });

    it('answers whether entities were invalidated since a moment', async () => {
      const store = make();
      const before = Date.now() - 10;
      await store.invalidate(['ShoppingCart:7']);
      expect(await store.invalidatedSince(['Customer:3', 'ShoppingCart:7'], before)).toBe(true);
      expect(await store.invalidatedSince(['Customer:3'], before)).toBe(false);
      expect(await store.invalidatedSince(['ShoppingCart:7'], Date.now() + LATER_MS)).toBe(false);
    });

    it('keeps no entry larger than its limit', async () => {
      const store = make();
      expect(await store.set('big', entry('x'.repeat(limits.maxEntryBytes + 1)), 60, Date.now())).toBe(false);
      expect(await store.get('big')).toBeUndefined();
    });

    it('never lets a stale write land after its invalidation, nor an entry escape one, under concurrency', async () => {
      const store = make();
      for (let round = 0; round < 40; round += 1) {
        const tag = `ProductOrder:${randomUUID()}`;
        // A read that began before the mutation races its invalidation: whichever runs first, nothing stays.
        const readStarted = Date.now() - LATER_MS;
        await Promise.all([store.set(`race-${round}`, entry('old', [tag]), 60, readStarted), store.invalidate([tag])]);
        expect(await store.get(`race-${round}`)).toBeUndefined();
        // A fresh read stored while another invalidation runs must still be reached by the next one.
        const fresh = Date.now() + LATER_MS;
        await Promise.all([store.invalidate([tag]), store.set(`fresh-${round}`, entry('new', [tag]), 60, fresh)]);
        await store.invalidate([tag]);
        expect(await store.get(`fresh-${round}`)).toBeUndefined();
      }
    });
  });
}

behavesAsAResponseStore('memory response store', () => new MemoryResponseStore(limits));

const clients: Redis[] = [];
afterAll(() => { for (const c of clients) c.disconnect(); });
behavesAsAResponseStore('Redis response store (real Redis)', () => {
  const client = new Redis(TEST_REDIS_URL, { keyPrefix: `passerelle-test:${randomUUID()}:` });
  clients.push(client);
  return new RedisResponseStore(client, limits);
}, !redisUp);

describe('memory response store bounds', () => {
  it('stays within its byte budget, evicting the least recently used entries first', async () => {
    const store = new MemoryResponseStore({ memoryBytes: 20_000, maxEntryBytes: 5_000 });
    await store.set('kept', entry('k'.repeat(1_000)), 60, Date.now());
    for (let i = 0; i < 50; i += 1) {
      await store.get('kept');
      await store.set(`filler-${i}`, entry('f'.repeat(1_000)), 60, Date.now());
      expect(store.size).toBeLessThanOrEqual(20_000);
    }
    expect((await store.get('kept'))?.body).toHaveLength(1_000);
    expect(await store.get('filler-0')).toBeUndefined();
    expect((await store.get('filler-49'))?.body).toHaveLength(1_000);
  });
});

describe('Redis response store with Redis down', () => {
  it('misses, skips writes and keeps the invalidation pending, never throws', async () => {
    const client = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    const store = new RedisResponseStore(client, { maxEntryBytes: 10_000, invalidationWaitMs: 0 });
    expect(await store.get('a')).toBeUndefined();
    expect(await store.set('a', entry('A', ['X:1']), 60, Date.now())).toBe(false);
    expect(await store.invalidate(['X:1'])).toEqual({ removed: 0, delivered: false });
    expect(store.pendingInvalidations).toBe(1);
    // Unknown is never fresh: a coalesced read asking about X:1 fetches again.
    expect(await store.invalidatedSince(['X:1'], Date.now())).toBe(true);
    expect(store.bypasses).toBeGreaterThanOrEqual(3);
    await store.close();
    client.disconnect();
  });
});
