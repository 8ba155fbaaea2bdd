import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisUp, TEST_REDIS_URL } from '../../test/support/redis.ts';
import { RedisResponseStore } from './redis-response-store.ts';
import { MemoryResponseStore, type CachedResponse, type ResponseStore } from './response-store.ts';

const entry = (body: string): CachedResponse => ({ body, etag: `"${body}"`, storedAt: Date.now(), maxAgeSeconds: 60, scope: 'PUBLIC' });

function behavesAsAResponseStore(name: string, make: () => ResponseStore, skip = false) {
  describe.skipIf(skip)(name, () => {
    it('stores and reads entries, and forgets them after their time', async () => {
      const store = make();
      await store.set('a', entry('A'), 60, ['Customer:1'], Date.now());
      expect((await store.get('a'))?.body).toBe('A');
      await store.set('b', entry('B'), 0.05, [], Date.now());
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.get('b')).toBeUndefined();
    });

    it('invalidates every entry holding an entity, and only those', async () => {
      const store = make();
      const since = Date.now();
      await store.set('home', entry('H'), 60, ['Customer:1', 'ProductOrder:9'], since);
      await store.set('other', entry('O'), 60, ['Customer:2'], since);
      expect(await store.invalidate(['ProductOrder:9'])).toBe(1);
      expect(await store.get('home')).toBeUndefined();
      expect((await store.get('other'))?.body).toBe('O');
    });

    it('never stores a response computed before an invalidation of one of its entities (read-your-writes)', async () => {
      const store = make();
      const readStarted = Date.now() - 5;
      await store.invalidate(['Customer:1']);
      await store.set('stale-read', entry('old'), 60, ['Customer:1'], readStarted);
      expect(await store.get('stale-read')).toBeUndefined();
    });
  });
}

behavesAsAResponseStore('memory response store', () => new MemoryResponseStore());

const clients: Redis[] = [];
afterAll(() => { for (const c of clients) c.disconnect(); });
behavesAsAResponseStore('Redis response store (real Redis)', () => {
  const client = new Redis(TEST_REDIS_URL, { keyPrefix: `passerelle-test:${randomUUID()}:` });
  clients.push(client);
  return new RedisResponseStore(client);
}, !redisUp);

describe('Redis response store with Redis down', () => {
  it('misses and counts bypasses, never throws', async () => {
    const client = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    const store = new RedisResponseStore(client);
    expect(await store.get('a')).toBeUndefined();
    await store.set('a', entry('A'), 60, ['X:1'], Date.now());
    expect(await store.invalidate(['X:1'])).toBe(0);
    expect(store.bypasses).toBe(3);
    client.disconnect();
  });
});
