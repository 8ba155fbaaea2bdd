// Every Redis user on a real 3-primary Redis Cluster: the response store's Lua scripts (store, invalidate,
// marks), the entity cache's MGET and pipelines, the registry store's WATCH/MULTI, lock and persistence
// check, and supergraph notices (pub/sub). Keys of
// different tags land on different primaries, so a multi-key command without a hash tag would be refused
// with CROSSSLOT: the first test proves the cluster enforces it, the others that ours never trip it.
import { randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, type RedisClient } from '../../contracts/lib/redis-connection.ts';
import { RedisResponseStore } from '../../gateway/cache/redis-response-store.ts';
import type { CachedResponse } from '../../gateway/cache/response-store.ts';
import { RedisSupergraphNotifier } from '../../registry/service/supergraph-notifier.ts';
import { withRedisLock } from '../../registry/store/redis-lock.ts';
import { SUPERGRAPH_CHANNEL } from '../../registry/types.ts';
import { RedisRegistryStore } from '../../registry/store/redis-store.ts';
import { publishSample, storeContract, subgraphEntry, supergraphEntry } from '../../registry/store/store-contract.ts';
import { StoreConflictError } from '../../registry/store/registry-store.ts';
import { RedisCacheStore } from '../../subgraphs/runtime/caching/cache-store.ts';
import { EntityCache } from '../../subgraphs/runtime/caching/entity-cache.ts';
import { redisClusterAvailable, startRedisCluster, type RedisClusterProcess } from '../support/redis-cluster.ts';

const entry = (body: string, tags: string[]): CachedResponse => ({ body, etag: `"${body}"`, storedAt: Date.now(), maxAgeSeconds: 60, scope: 'PUBLIC', tags });
const LATER_MS = 200;

describe.skipIf(!redisClusterAvailable)('Redis users on a real Redis Cluster (3 primaries)', () => {
  let cluster: RedisClusterProcess;
  const clients: RedisClient[] = [];
  const connect = (keyPrefix?: string): RedisClient => {
    const client = createRedisConnection(cluster.url, { offlineQueue: true, commandTimeoutMs: 2_000, ...(keyPrefix ? { keyPrefix } : {}) });
    client.on('error', () => {});
    clients.push(client);
    return client;
  };
  beforeAll(async () => { cluster = await startRedisCluster(); });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await cluster?.stop();
  });

  it('is a real cluster: the URL makes a Cluster client, and keys without a common tag are refused together', async () => {
    const raw = connect();
    expect(raw).toBeInstanceOf(Cluster);
    expect((await raw.cluster('INFO')).toString()).toContain('cluster_known_nodes:3');
    await expect(raw.mget('a', 'b', 'c', 'd')).rejects.toThrow(/CROSSSLOT/);
    expect(await raw.mget('{t}a', '{t}b')).toEqual([null, null]);
  });

  describe('gateway response store (Lua scripts)', () => {
    const makeStore = () => new RedisResponseStore(connect(`passerelle-test:${randomUUID()}:`) as never, { maxEntryBytes: 10_000, invalidationWaitMs: 2_000 });

    it('stores an entry of many entities, serves it, and invalidates it by any one of them', async () => {
      const store = makeStore();
      const tags = Array.from({ length: 12 }, (_, i) => `Product:${i}-${randomUUID()}`);
      expect(await store.set('page', entry('A', tags), 60, Date.now() + LATER_MS)).toBe(true);
      expect((await store.get('page'))?.body).toBe('A');
      expect(await store.invalidatedSince(tags, Date.now() - 60_000)).toBe(false);
      expect(await store.invalidate([tags[7]!, `Other:${randomUUID()}`])).toEqual({ removed: 1, delivered: true });
      expect(await store.get('page')).toBeUndefined();
      expect(await store.invalidatedSince(tags, Date.now() - 60_000)).toBe(true);
      // Read-your-writes: a response read before the invalidation is not stored after it.
      expect(await store.set('page', entry('old', tags), 60, Date.now() - LATER_MS)).toBe(false);
      expect(store.bypasses).toBe(0);
      await store.close();
    });

    it('never lets a stale write land after its invalidation, under concurrency', async () => {
      const store = makeStore();
      for (let round = 0; round < 20; round += 1) {
        const tag = `ProductOrder:${randomUUID()}`;
        await Promise.all([store.set(`race-${round}`, entry('old', [tag, `Customer:${round}`]), 60, Date.now() - LATER_MS), store.invalidate([tag])]);
        expect(await store.get(`race-${round}`)).toBeUndefined();
      }
      expect(store.bypasses).toBe(0);
      await store.close();
    });

    it('is shared by two clients (two replicas): one stores, the other reads and invalidates', async () => {
      const keyPrefix = `passerelle-test:${randomUUID()}:`;
      const [a, b] = [0, 1].map(() => new RedisResponseStore(connect(keyPrefix) as never, { maxEntryBytes: 10_000, invalidationWaitMs: 2_000 }));
      const tag = `Customer:${randomUUID()}`;
      expect(await a!.set('home', entry('H', [tag]), 60, Date.now() + LATER_MS)).toBe(true);
      expect((await b!.get('home'))?.body).toBe('H');
      expect((await b!.invalidate([tag])).removed).toBe(1);
      expect(await a!.get('home')).toBeUndefined();
      await Promise.all([a!.close(), b!.close()]);
    });
  });

  describe('subgraph entity cache (MGET, pipelined SET and DEL)', () => {
    it('shares a batch of entries between two instances without a failed command', async () => {
      const keyPrefix = `passerelle-test:${randomUUID()}:`;
      const stores = [new RedisCacheStore({ url: cluster.url, keyPrefix }), new RedisCacheStore({ url: cluster.url, keyPrefix })];
      expect(await Promise.all(stores.map((s) => s.ready(5_000)))).toEqual([true, true]);
      const calls: string[][] = [];
      const load = async (keys: readonly string[]) => { calls.push([...keys]); return new Map(keys.map((k) => [k, k.toUpperCase()])); };
      const caches = stores.map((store) => new EntityCache<string>({ store, name: 'catalog:offering', version: 1, policy: { ttlSeconds: 60, staleSeconds: 60 } }));
      const keys = Array.from({ length: 30 }, (_, i) => `po-${i}`);
      expect([...(await caches[0]!.getMany(keys, load)).values()]).toEqual(keys.map((k) => k.toUpperCase()));
      expect([...(await caches[1]!.getMany(keys, load)).values()]).toEqual(keys.map((k) => k.toUpperCase()));
      expect(calls).toHaveLength(1); // the second instance read all thirty from the cluster
      expect(stores.map((s) => s.bypasses())).toEqual([0, 0]);
      await Promise.all(stores.map((s) => s.close()));
    });
  });

  describe('registry Redis store (WATCH/MULTI, lock)', () => {
    storeContract(() => RedisRegistryStore.open(cluster.url, `passerelle-test:registry:${randomUUID()}:`));

    it('is shared by two registries, and refuses a publish that would fork history', async () => {
      const prefix = `passerelle-test:registry:${randomUUID()}:`;
      const [a, b] = [await RedisRegistryStore.open(cluster.url, prefix), await RedisRegistryStore.open(cluster.url, prefix)];
      await publishSample(a);
      expect((await b.currentSubgraphs()).map((s) => `${s.subgraph}@${s.version}`)).toEqual(['catalog@2', 'party@1']);
      await b.recordPublish({ subgraph: subgraphEntry('party', 2), supergraph: supergraphEntry(3, { catalog: 2, party: 2 }) });
      await expect(a.recordPublish({ subgraph: subgraphEntry('catalog', 3), supergraph: supergraphEntry(3, { catalog: 3, party: 1 }) }))
        .rejects.toBeInstanceOf(StoreConflictError);
      // The store's keys share the prefix's hash tag: one slot for the whole history.
      const raw = connect();
      const keys = ['subgraphs', 'supergraphs', 'subgraph:catalog', 'subgraph:party'].map((name) => `{${prefix}}${name}`);
      expect(await raw.exists(...keys)).toBe(4); // one multi-key command: refused unless one slot
      await Promise.all([a.close(), b.close()]);
    });

    it('checks the persistence of every primary', async () => {
      const store = await RedisRegistryStore.open(cluster.url, `passerelle-test:registry:${randomUUID()}:`);
      const check = await store.checkPersistence();
      expect(check.status).toBe('unsafe');
      const problems = check.status === 'unsafe' ? check.problems : [];
      // The test nodes run without AOF: each of the three says so, by address.
      expect(cluster.ports.map((port) => problems.some((p) => p.startsWith(`127.0.0.1:${port}: appendonly is "no"`)))).toEqual([true, true, true]);
      await store.close();
    });

    it('carries supergraph notices to a subscriber connected through another node', async () => {
      const subscriber = createRedisConnection(cluster.url, { offlineQueue: true, maxRetriesPerRequest: null });
      clients.push(subscriber);
      const received = new Promise<string>((resolve) => subscriber.on('message', (_channel: string, message: string) => resolve(message)));
      await subscriber.subscribe(SUPERGRAPH_CHANNEL);
      const notifier = new RedisSupergraphNotifier(cluster.url);
      await new Promise((r) => setTimeout(r, 200)); // the notifier connects without queueing
      await notifier.notify({ version: 7, hash: 'abc' });
      expect(JSON.parse(await received)).toEqual({ version: 7, hash: 'abc' });
      expect(notifier.failures).toBe(0);
      await notifier.close();
    });

    it('lets one holder at a time take the publish lock', async () => {
      const raw = connect();
      const key = `passerelle-test:lock:${randomUUID()}`;
      const order: string[] = [];
      const hold = (name: string) => withRedisLock(raw, key, async () => { order.push(`${name}+`); await new Promise((r) => setTimeout(r, 100)); order.push(`${name}-`); }, { leaseMs: 2_000, waitMs: 5_000, retryMs: 10 });
      await Promise.all([hold('a'), hold('b')]);
      expect([order.slice(0, 2), order.slice(2)].map((pair) => pair[0]!.slice(0, 1) === pair[1]!.slice(0, 1))).toEqual([true, true]);
      expect(await raw.exists(key)).toBe(0);
    });
  });
});
