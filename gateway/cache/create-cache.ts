/**
 * The gateway's key-value cache (persisted queries today, responses later): Redis when configured, so
 * that every replica shares it, otherwise an in-memory LRU for a single process.
 */
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayConfig } from '../config.ts';
import { RedisKeyValueCache } from './redis-cache.ts';
import { RedisResponseStore } from './redis-response-store.ts';
import { MemoryResponseStore, type ResponseStore } from './response-store.ts';

export interface GatewayCache {
  /** Apollo Server's key-value cache (automatic persisted queries...). */
  cache: KeyValueCache<string>;
  /** Whole responses, tagged with their entities. */
  responses: ResponseStore;
  kind: 'redis' | 'memory';
  close(): Promise<void>;
}

export const MEMORY_CACHE_MAX_BYTES = 64 * 1024 * 1024;

export function createGatewayCache(config: GatewayConfig['cache']): GatewayCache {
  if (config.redisUrl) {
    const cache = new RedisKeyValueCache({ url: config.redisUrl, keyPrefix: config.keyPrefix });
    // One connection for both: the response store shares the key-value cache's fail-open client.
    return { cache, responses: new RedisResponseStore(cache.client), kind: 'redis', close: () => cache.close() };
  }
  return { cache: new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_MAX_BYTES }), responses: new MemoryResponseStore(), kind: 'memory', close: async () => {} };
}
