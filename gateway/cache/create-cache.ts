/**
 * The gateway's caches: Apollo Server's key-value cache (automatic persisted queries) and the response
 * store. Redis when configured, so that every replica shares them, otherwise in-memory stores bounded in
 * bytes for a single process.
 */
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayConfig } from '../config.ts';
import { MemoryResponseStore } from './memory-response-store.ts';
import { RedisKeyValueCache } from '../../contracts/lib/redis-cache.ts';
import { warnAboutRedisMemory } from './redis-memory-policy.ts';
import { RedisResponseStore } from './redis-response-store.ts';
import type { ResponseStore } from './response-store.ts';

export interface GatewayCache {
  /** Apollo Server's key-value cache (automatic persisted queries...). */
  cache: KeyValueCache<string>;
  /** Whole responses, tagged with their entities. */
  responses: ResponseStore;
  kind: 'redis' | 'memory';
  /** Resolves once Redis is connected, or after its connect budget (never rejects): see RedisKeyValueCache.ready. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Budget of the in-memory key-value cache (APQ documents), in bytes of their text. */
export const MEMORY_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export function createGatewayCache(config: GatewayConfig['cache']): GatewayCache {
  if (config.redisUrl) {
    const cache = new RedisKeyValueCache({ url: config.redisUrl, keyPrefix: config.keyPrefix });
    void warnAboutRedisMemory(cache.client);
    // One connection for both: the response store shares the key-value cache's fail-open client.
    const responses = new RedisResponseStore(cache.client, config);
    return { cache, responses, kind: 'redis', ready: async () => { await cache.ready(); }, close: async () => { await responses.close(); await cache.close(); } };
  }
  const responses = new MemoryResponseStore(config);
  return { cache: new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_MAX_BYTES }), responses, kind: 'memory', ready: async () => {}, close: () => responses.close() };
}
